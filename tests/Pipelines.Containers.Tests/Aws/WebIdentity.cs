using System.Net;
using Amazon.Runtime;
using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Aws;

/// <summary>Web identity (IRSA-style token file, GitHub Actions OIDC) and assumed roles, through the stand-in's STS.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class WebIdentity(ContainerParts parts)
{
    const string Role = "arn:aws-cn:iam::123456789012:role/ci-push";

    [Fact]
    public async Task A_token_file_and_role_give_session_credentials_that_ecr_accepts()
    {
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "eyJ-web-identity-token\n");
        var masker = new SecretMasker();
        try
        {
            var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
            {
                AccountId = parts.Ecr.AccountId,
                StsEndpoint = parts.Ecr.Endpoint,
                Masker = masker,
                Environment = new Dictionary<string, string?> { ["AWS_ROLE_ARN"] = Role, ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile },
            });
            using var ecr = new EcrClient(new EcrClientOptions("cn-north-1", identity.Credentials) { Endpoint = parts.Ecr.Endpoint });
            await ecr.GetAuthorizationTokenAsync();

            Assert.Contains((Role, "eyJ-web-identity-token"), parts.Ecr.WebIdentityCalls);
            Assert.Equal("***", masker.Redact("eyJ-web-identity-token"));
            Assert.Equal("***", masker.Redact(parts.Ecr.SessionToken));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task A_role_from_another_partition_in_the_token_environment_is_refused()
    {
        var error = await Assert.ThrowsAsync<AwsIdentityException>(() => new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-northwest-1")
        {
            Environment = new Dictionary<string, string?> { ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/x", ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/nonexistent" },
        }));

        Assert.StartsWith("AWS_ROLE_ARN 'arn:aws:iam::123456789012:role/x' is not a role in partition aws-cn", error.Message);
    }

    [Fact]
    public async Task Github_actions_oidc_asks_for_the_china_sts_audience_and_assumes_the_role()
    {
        var handler = new OidcEndpoint();
        var masker = new SecretMasker();
        var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
        {
            RoleArn = Role,
            AccountId = parts.Ecr.AccountId,
            StsEndpoint = parts.Ecr.Endpoint,
            Masker = masker,
            HttpHandler = handler,
            Environment = new Dictionary<string, string?>
            {
                ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://token.actions.example/id?api-version=2.0",
                ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "runner-request-token",
            },
        });

        Assert.Equal("https://token.actions.example/id?api-version=2.0&audience=sts.amazonaws.com.cn", handler.RequestedUrl);
        Assert.Equal("Bearer runner-request-token", handler.Authorization);
        Assert.Contains((Role, "gha-oidc-jwt"), parts.Ecr.WebIdentityCalls);
        Assert.Contains("GitHub Actions OIDC", identity.Source);
        Assert.Equal("***", masker.Redact("gha-oidc-jwt"));
    }

    [Fact]
    public async Task An_assumed_role_signs_ecr_calls_with_session_credentials()
    {
        var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
        {
            Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
            RoleArn = Role,
            AccountId = parts.Ecr.AccountId,
            StsEndpoint = parts.Ecr.Endpoint,
        });
        using var ecr = new EcrClient(new EcrClientOptions("cn-north-1", identity.Credentials) { Endpoint = parts.Ecr.Endpoint });

        var token = await ecr.GetAuthorizationTokenAsync();

        Assert.Contains("assumed " + Role, identity.Source);
        Assert.Equal(parts.Registry.Username, token.Username);
    }

    sealed class OidcEndpoint : HttpMessageHandler
    {
        public string? RequestedUrl { get; private set; }
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            RequestedUrl = request.RequestUri!.ToString();
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"value\":\"gha-oidc-jwt\"}") });
        }
    }
}
