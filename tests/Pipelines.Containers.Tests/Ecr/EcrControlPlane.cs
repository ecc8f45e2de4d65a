using Amazon.Runtime;
using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;
using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests.Ecr;

/// <summary>The ECR client against the stand-in, which verifies every signature independently.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class EcrControlPlane(ContainerParts parts)
{
    EcrClient Client(string region = "cn-north-1") => new(new EcrClientOptions(region, new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey))
    {
        Endpoint = parts.Ecr.Endpoint,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    });

    static string Name() => "cp-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Creates_and_describes_a_repository_with_signed_json_1_1_calls()
    {
        using var ecr = Client();
        var name = Name();

        Assert.Null(await ecr.DescribeRepositoryAsync(name));
        var created = await ecr.CreateRepositoryAsync(name, new EcrRepositorySettings());
        var described = await ecr.DescribeRepositoryAsync(name);

        Assert.True(created.IsImmutable);
        Assert.True(created.ScanOnPush);
        Assert.Equal(created, described);
        Assert.StartsWith("arn:aws-cn:ecr:cn-north-1:", created.Arn);
        var calls = parts.Ecr.Calls.Where(c => c.Operation is "CreateRepository" or "DescribeRepositories").ToList();
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.All(calls, c => Assert.Equal("application/x-amz-json-1.1", c.ContentType));
        Assert.All(calls, c => Assert.Equal("cn-north-1", c.Region));
    }

    [Fact]
    public async Task The_authorization_token_carries_the_registry_login()
    {
        using var ecr = Client();

        var token = await ecr.GetAuthorizationTokenAsync();

        Assert.Equal(parts.Registry.Username, token.Username);
        Assert.Equal(parts.Registry.Password, token.Password);
        Assert.Equal(parts.Registry.Url.Authority, token.ProxyEndpoint.Authority);
        Assert.DoesNotContain(parts.Registry.Password, token.ToString());
    }

    [Fact]
    public async Task Access_denied_is_a_typed_one_line_error()
    {
        using var ecr = Client();
        parts.Ecr.FailNext("DescribeRepositories", "AccessDeniedException", 400,
            "User: arn:aws-cn:iam::123456789012:user/ci is not authorized to perform: ecr:DescribeRepositories\non resource: *");

        var error = await Assert.ThrowsAsync<EcrAccessDeniedException>(() => ecr.DescribeRepositoryAsync(Name()));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("allow ecr:DescribeRepositories", error.Message);
        Assert.Equal("AccessDeniedException", error.ErrorType);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried()
    {
        using var ecr = Client();
        var name = Name();
        parts.Ecr.AddRepository(name, immutable: true);
        parts.Ecr.FailNext("DescribeRepositories", "ThrottlingException", 400, "Rate exceeded", times: 2);
        parts.Ecr.FailNext("DescribeRepositories", "ServerException", 500, "internal");

        var repository = await ecr.DescribeRepositoryAsync(name);

        Assert.Equal(name, repository?.Name);
    }

    [Fact]
    public async Task A_wrong_secret_is_rejected_by_the_independent_verifier()
    {
        using var ecr = new EcrClient(new EcrClientOptions("cn-north-1", new BasicAWSCredentials(parts.Ecr.AccessKey, "not-the-secret")) { Endpoint = parts.Ecr.Endpoint });

        var error = await Assert.ThrowsAsync<EcrInvalidSignatureException>(() => ecr.DescribeRepositoryAsync(Name()));

        Assert.Contains("SignatureDoesNotMatch", error.Message);
        Assert.DoesNotContain("not-the-secret", error.Message);
    }

    [Fact]
    public async Task A_skewed_clock_is_corrected_from_the_servers_date()
    {
        // The stand-in's clock runs an hour ahead; the first call is refused as expired, then re-signed at server time.
        var offset = TimeSpan.FromHours(1);
        var clock = new SkewedClock(-offset);
        using var ecr = new EcrClient(new EcrClientOptions("cn-north-1", new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey))
        {
            Endpoint = parts.Ecr.Endpoint, TimeProvider = clock,
        });

        var token = await ecr.GetAuthorizationTokenAsync();

        Assert.Equal(parts.Registry.Username, token.Username);
        Assert.InRange(ecr.ClockCorrection, offset - TimeSpan.FromMinutes(1), offset + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_account_comes_from_sts_when_not_given()
    {
        var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
        {
            Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
            StsEndpoint = parts.Ecr.Endpoint,
        });

        Assert.Equal(parts.Ecr.AccountId, identity.AccountId);
        Assert.Equal("aws-cn", identity.Partition.Name);
        Assert.Contains(parts.Ecr.Calls, c => c.Operation == "GetCallerIdentity" && c.SignatureValid && c.Service == "sts" && c.Region == "cn-north-1");
    }

    [Fact]
    public async Task A_role_outside_the_china_partition_is_refused_before_any_call()
    {
        var error = await Assert.ThrowsAsync<AwsIdentityException>(() => new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            RoleArn = "arn:aws:iam::123456789012:role/deploy",
        }));

        Assert.Contains("arn:aws-cn:iam::", error.Message);
    }

    sealed class SkewedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
