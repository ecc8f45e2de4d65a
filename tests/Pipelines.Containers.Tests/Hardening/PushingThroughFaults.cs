using System.Text.Json;
using Amazon.Runtime;
using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Ecr;
using Pipelines.Testing.Faults;
using Pipelines.Tooling;
using Xunit.Abstractions;

namespace Pipelines.Containers.Tests.Hardening;

/// <summary>Pushes through a proxy that fails a fifth of registry requests; a registry that stays down; an ECR token that expires
/// mid-push; two pushes of one commit at once.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class PushingThroughFaults(ContainerParts parts, ITestOutputHelper output)
{
    readonly StringWriter _log = new();
    readonly SecretMasker _masker = new();

    ProcessRunner Runner => new(_masker, _log);

    async Task<ImageBuildResult> BuildAsync(string marker, string name) =>
        await new ImageBuilder(Runner).BuildAsync(new ImageBuildOptions(await ContainerParts.CreateAppRepositoryAsync(marker), name)
        {
            Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli,
        });

    async Task<(int Code, string Digest, string Error)> SkopeoDigestAsync(string reference)
    {
        var (code, stdout, stderr) = await ContainerParts.RunAsync("skopeo", null,
            "inspect", "--tls-verify=false", "--creds", $"{parts.Registry.Username}:{parts.Registry.Password}", $"docker://{reference}");
        return (code, code == 0 ? JsonDocument.Parse(stdout).RootElement.GetProperty("Digest").GetString()! : "", stderr);
    }

    ImagePushOptions Through(FaultProxy proxy, ImageBuildResult image, string name) => new(image, $"{proxy.Host}/{name}")
    {
        Credentials = new RegistryCredentials(parts.Registry.Username, parts.Registry.Password),
        Environment = parts.Docker.Environment,
        DockerExecutable = DockerDaemon.Cli,
        Log = _log,
    };

    [Fact]
    public async Task A_push_through_a_fifth_of_failed_requests_lands_with_the_right_digest()
    {
        var name = "faulty-" + Guid.NewGuid().ToString("N")[..6];
        var image = await BuildAsync("faults", name);
        await using var proxy = FaultProxy.Start(parts.Registry.Host, new FaultPlan
        {
            Http = true, HttpErrorShare = 0.12, ResetShare = 0.05, DelayShare = 0.03, ResetWithinBytes = 2048, Seed = 20, MaxFaults = 6,
        });

        var pushed = await new ImagePublisher(Runner).PushAsync(Through(proxy, image, name));

        var direct = await SkopeoDigestAsync($"{parts.Registry.Host}/{name}:{image.Tag}");
        var lines = _log.ToString().Split('\n');
        var retries = lines.Count(l => l.StartsWith("docker push ", StringComparison.Ordinal) && l.Contains("; retrying (", StringComparison.Ordinal));
        var layerRetries = lines.Count(l => l.Contains("Retrying in", StringComparison.Ordinal));
        HardeningFigures.Record(output, "faults", "registry-push", ("faultsInjected", proxy.FaultsInjected), ("httpErrors", proxy.Count(FaultKind.HttpError)),
            ("resets", proxy.Count(FaultKind.Reset)), ("delays", proxy.Count(FaultKind.Delay)), ("requests", proxy.Connections), ("pushRetries", retries), ("dockerLayerRetries", layerRetries),
            ("succeeded", 1), ("landed", direct.Code == 0 ? 1 : 0));
        Assert.True(proxy.FaultsInjected > 0, proxy.ToString());
        Assert.True(direct.Code == 0, direct.Error);
        Assert.Equal(pushed.Digest, direct.Digest);
        // Bounded: the publisher gives docker push at most its configured attempts, and the manifest PUT went through at most that many times per attempt.
        Assert.InRange(retries, 0, new ImagePushOptions(image, "x/y").PushAttempts - 1);
    }

    [Fact]
    public async Task PushEcr_through_a_fifth_of_failed_ecr_api_calls_lands_every_image()
    {
        var image = await BuildAsync("ecr-api-faults", "ecr-api-" + Guid.NewGuid().ToString("N")[..6]);
        var (faults, requests, landed) = (0, 0, 0);
        var seeds = Enumerable.Range(1, 6).ToList();
        foreach (var seed in seeds)
        {
            var name = $"ecr-api-{seed}-{Guid.NewGuid().ToString("N")[..6]}";
            await using var proxy = FaultProxy.Start(parts.Ecr.Endpoint.Authority, new FaultPlan
            {
                Http = true, HttpErrorShare = 0.1, ResetShare = 0.07, DelayShare = 0.03, ResetWithinBytes = 600, Seed = seed,
            });

            var pushed = await new EcrImagePublisher(Runner).PushAsync(new EcrPushOptions(image, name, "cn-north-1")
            {
                Endpoint = new Uri($"http://{proxy.Host}/"), AccountId = parts.Ecr.AccountId, Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
                Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli, Log = _log,
            });

            var direct = await SkopeoDigestAsync($"{parts.Registry.Host}/{name}:{image.Tag}");
            Assert.True(direct.Code == 0, $"seed {seed}: {direct.Error}");
            Assert.Equal(pushed.Digest, direct.Digest);
            (faults, requests, landed) = (faults + proxy.FaultsInjected, requests + proxy.Connections, landed + 1);
            // Bounded: at most five operations (describe, create, describe again after a lost answer, token, a renewed token),
            // each sent at most the client's attempts.
            Assert.InRange(proxy.Connections, 3, 5 * new EcrClientOptions("cn-north-1", new AnonymousAWSCredentials()).MaxAttempts);
        }

        HardeningFigures.Record(output, "faults", "ecr-api", ("runs", seeds.Count), ("faultsInjected", faults), ("requests", requests), ("succeeded", landed), ("landed", landed));
        Assert.True(faults > 0, "no fault was injected");
    }

    [Fact]
    public async Task A_registry_that_stays_down_fails_in_one_line_after_bounded_retries_and_writes_nothing()
    {
        var name = "down-" + Guid.NewGuid().ToString("N")[..6];
        var image = await BuildAsync("down", name);
        await using var proxy = FaultProxy.Start(parts.Registry.Host, new FaultPlan { Http = true, Down = true });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => new ImagePublisher(Runner).PushAsync(Through(proxy, image, name)));

        var direct = await SkopeoDigestAsync($"{parts.Registry.Host}/{name}:{image.Tag}");
        var attempts = proxy.Connections;
        HardeningFigures.Record(output, "faults", "registry-down", ("faultsInjected", proxy.FaultsInjected), ("attempts", attempts),
            ("maxAttempts", new RegistryClientOptions("x").MaxAttempts), ("succeeded", 0), ("landed", direct.Code == 0 ? 1 : 0), ("error", error.Message));
        Assert.IsType<RegistryException>(error);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("503", error.Message);
        Assert.Equal(new RegistryClientOptions("x").MaxAttempts, attempts);
        Assert.NotEqual(0, direct.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(17)]
    public async Task An_ecr_token_that_expires_mid_push_is_renewed_and_the_push_lands(int requestsPerToken)
    {
        var name = "expiring-" + Guid.NewGuid().ToString("N")[..6];
        var image = await BuildAsync("expiring", name);
        await using var ecr = await EcrStandIn.StartAsync(parts.Registry.Url, parts.Registry.Username, parts.Registry.Password,
            tokens: new EcrTokenPolicy { FirstTokenRequests = requestsPerToken });

        var pushed = await new EcrImagePublisher(Runner).PushAsync(new EcrPushOptions(image, name, "cn-north-1")
        {
            Endpoint = ecr.Endpoint, AccountId = ecr.AccountId, Credentials = new BasicAWSCredentials(ecr.AccessKey, ecr.SecretKey),
            Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli, Log = _log,
        });

        var direct = await SkopeoDigestAsync($"{parts.Registry.Host}/{name}:{image.Tag}");
        var endpoint = ecr.RegistryEndpoint!;
        var log = _log.ToString();
        HardeningFigures.Record(output, "faults", $"ecr-token-expiry-{requestsPerToken}", ("faultsInjected", endpoint.ExpiredRejections),
            ("tokensIssued", endpoint.IssuedTokens.Count), ("tokenRefreshes", ecr.Calls.Count(c => c.Operation == "GetAuthorizationToken") - 1),
            ("authorizedRequests", endpoint.AuthorizedRequests), ("succeeded", 1), ("landed", direct.Code == 0 ? 1 : 0));
        output.WriteLine(log);
        Assert.True(direct.Code == 0, direct.Error);
        Assert.Equal(pushed.Digest, direct.Digest);
        Assert.True(endpoint.ExpiredRejections > 0, "no token expired during the push");
        Assert.True(endpoint.IssuedTokens.Count >= 2, log);
        Assert.Contains("fetched a new one", log, StringComparison.Ordinal);
        Assert.All(endpoint.IssuedTokens, token => Assert.DoesNotContain(token, log, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_pushes_of_one_commit_at_once_push_once_and_the_second_skips()
    {
        var name = "twice-" + Guid.NewGuid().ToString("N")[..6];
        var image = await BuildAsync("twice", name);
        EcrPushOptions Options() => new(image, name, "cn-north-1")
        {
            Endpoint = parts.Ecr.Endpoint, AccountId = parts.Ecr.AccountId, Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
            Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli, Log = _log,
        };

        var both = await Task.WhenAll(Task.Run(() => new EcrImagePublisher(Runner).PushAsync(Options())), Task.Run(() => new EcrImagePublisher(Runner).PushAsync(Options())));

        var direct = await SkopeoDigestAsync($"{parts.Registry.Host}/{name}:{image.Tag}");
        HardeningFigures.Record(output, "races", "push-ecr-same-commit", ("runs", 2), ("succeeded", both.Length), ("pushed", both.Count(p => !p.Skipped)),
            ("skipped", both.Count(p => p.Skipped)), ("landed", both.Count(p => direct.Code == 0 && p.Digest == direct.Digest)));
        Assert.Equal(both[0].Digest, both[1].Digest);
        Assert.Equal(both[0].Digest, direct.Digest);
        Assert.Equal(1, both.Count(p => p.Skipped));
    }
}
