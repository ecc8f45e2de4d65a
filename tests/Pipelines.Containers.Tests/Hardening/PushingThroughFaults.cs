using System.Text.Json;
using Amazon.Runtime;
using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Faults;
using Pipelines.Tooling;
using Xunit.Abstractions;

namespace Pipelines.Containers.Tests.Hardening;

/// <summary>Pushes through a proxy that fails a fifth of registry requests; a registry that stays down; two pushes of one commit at once.</summary>
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

    [Fact]
    public async Task Two_pushes_of_one_commit_at_once_both_succeed_on_one_digest()
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
            ("skipped", both.Count(p => p.Skipped)), ("landed", direct.Code == 0 ? 1 : 0));
        Assert.Equal(both[0].Digest, both[1].Digest);
        Assert.Equal(both[0].Digest, direct.Digest);
        Assert.InRange(both.Count(p => p.Skipped), 0, 1);
    }
}
