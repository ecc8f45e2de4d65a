using System.Text.Json;
using Amazon.Runtime;
using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Publishing;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Publishing;

/// <summary>
/// DockerBuild then PushEcr end to end: a real dockerd builds, the ECR stand-in (signatures verified) hands out the login of the
/// real registry, docker pushes, and skopeo reads the result back independently.
/// </summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class BuildAndPushToEcr(ContainerParts parts) : IDisposable
{
    // The pushes' private docker configs go here, away from those of tests running in parallel.
    readonly string _temp = Directory.CreateTempSubdirectory("ecr-push-").FullName;
    readonly StringWriter _output = new();
    readonly SecretMasker _masker = new();

    ProcessRunner Runner => new(_masker, _output);

    async Task<ImageBuildResult> BuildAsync(string repo, string name, string? tag = null) =>
        await new ImageBuilder(Runner).BuildAsync(new ImageBuildOptions(repo, name)
        {
            Tag = tag, Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli, SourceUrl = "https://git.example/app.git",
        });

    EcrPushOptions PushOptions(ImageBuildResult image, string repositoryName) => new(image, repositoryName, "cn-north-1")
    {
        Endpoint = parts.Ecr.Endpoint,
        AccountId = parts.Ecr.AccountId,
        Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
        Environment = parts.Docker.Environment,
        DockerExecutable = DockerDaemon.Cli,
        TemporaryDirectory = _temp,
        Log = _output,
    };

    async Task<JsonElement> SkopeoInspectAsync(string reference)
    {
        var (code, stdout, stderr) = await ContainerParts.RunAsync("skopeo", null,
            "inspect", "--tls-verify=false", "--creds", $"{parts.Registry.Username}:{parts.Registry.Password}", $"docker://{reference}");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    string[] DockerConfigDirs() =>
        Directory.GetDirectories(_temp, "pipelines-docker-*");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Build_push_and_read_back_then_a_second_run_skips()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("first");
        var sha = await ContainerParts.GitAsync(repo, "rev-parse", "HEAD");
        var shortSha = await ContainerParts.GitAsync(repo, "rev-parse", "--short", "HEAD");
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        var callsBefore = parts.Ecr.Calls.Count;

        var built = await BuildAsync(repo, name);
        var pushed = await new EcrImagePublisher(Runner).PushAsync(PushOptions(built, name));

        Assert.Equal(shortSha, built.Tag);
        Assert.StartsWith("sha256:", built.Digest);
        Assert.True(pushed.RepositoryCreated);
        Assert.False(pushed.Skipped);
        Assert.Equal($"{parts.Registry.Host}/{name}", pushed.RepositoryUri);
        var inspected = await SkopeoInspectAsync($"{parts.Registry.Host}/{name}:{shortSha}");
        Assert.Equal(pushed.Digest, inspected.GetProperty("Digest").GetString());
        var labels = inspected.GetProperty("Labels");
        Assert.Equal(sha, labels.GetProperty("org.opencontainers.image.revision").GetString());
        Assert.Equal("https://git.example/app.git", labels.GetProperty("org.opencontainers.image.source").GetString());
        Assert.True(DateTimeOffset.TryParse(labels.GetProperty("org.opencontainers.image.created").GetString(), out _));

        var again = await new EcrImagePublisher(Runner).PushAsync(PushOptions(await BuildAsync(repo, name), name));

        Assert.True(again.Skipped);
        Assert.False(again.RepositoryCreated);
        Assert.Equal(pushed.Digest, again.Digest);
        Assert.Contains("skipping the push", _output.ToString());

        // The login never reaches output, and the private docker config is gone.
        Assert.DoesNotContain(parts.Registry.Password, _output.ToString());
        Assert.Empty(DockerConfigDirs());
        var calls = parts.Ecr.Calls.Skip(callsBefore).ToList();
        Assert.Contains(calls, c => c.Operation == "CreateRepository");
        Assert.Contains(calls, c => c.Operation == "GetAuthorizationToken");
        Assert.All(calls, c => Assert.True(c.SignatureValid, c.Operation));
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task An_immutable_tag_holding_another_image_fails_cleanly()
    {
        var name = "conflict-" + Guid.NewGuid().ToString("N")[..6];
        var first = await ContainerParts.CreateAppRepositoryAsync("one");
        var second = await ContainerParts.CreateAppRepositoryAsync("two");
        await new EcrImagePublisher(Runner).PushAsync(PushOptions(await BuildAsync(first, name, tag: "release-7"), name));

        var error = await Assert.ThrowsAsync<ImageTagConflictException>(async () =>
            await new EcrImagePublisher(Runner).PushAsync(PushOptions(await BuildAsync(second, name, tag: "release-7"), name)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("release-7", error.Message);
        Assert.Contains("immutable", error.Message);
        Directory.Delete(first, recursive: true);
        Directory.Delete(second, recursive: true);
    }

    [Fact]
    public async Task Latest_is_refused_on_an_immutable_repository_and_added_on_a_mutable_one()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("latest");
        var immutable = "imm-" + Guid.NewGuid().ToString("N")[..6];
        var mutable = "mut-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(mutable, immutable: false);
        var built = await BuildAsync(repo, immutable);

        var refused = await Assert.ThrowsAsync<ImageTagConflictException>(() =>
            new EcrImagePublisher(Runner).PushAsync(PushOptions(built, immutable) with { AlsoTagLatest = true }));
        var pushed = await new EcrImagePublisher(Runner).PushAsync(PushOptions(built, mutable) with { AlsoTagLatest = true });

        Assert.Contains("IMMUTABLE", refused.Message);
        Assert.True(pushed.TaggedLatest);
        Assert.Equal(pushed.Digest, (await SkopeoInspectAsync($"{parts.Registry.Host}/{mutable}:latest")).GetProperty("Digest").GetString());
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task The_scan_gate_fails_listing_the_top_findings()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("scan");
        var name = "scan-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(name, immutable: true);
        parts.Ecr.SetScanFindings(name, "COMPLETE", ("CVE-2026-0001", "CRITICAL"), ("CVE-2026-0002", "HIGH"), ("CVE-2026-0003", "LOW"));

        var error = await Assert.ThrowsAsync<ScanGateFailedException>(async () =>
            await new EcrImagePublisher(Runner).PushAsync(PushOptions(await BuildAsync(repo, name), name) with { MaxScanSeverity = ScanSeverity.High }));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("2 finding(s) at or above HIGH", error.Message);
        Assert.Contains("CVE-2026-0001 (CRITICAL)", error.Message);
        Assert.DoesNotContain("CVE-2026-0003", error.Message);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task Access_denied_from_ecr_stops_the_push_with_one_line()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("denied");
        var name = "denied-" + Guid.NewGuid().ToString("N")[..6];
        var built = await BuildAsync(repo, name);
        parts.Ecr.FailNext("CreateRepository", "AccessDeniedException", 400, "User: arn:aws-cn:iam::123456789012:user/ci is not authorized to perform: ecr:CreateRepository");

        var error = await Assert.ThrowsAsync<EcrAccessDeniedException>(() => new EcrImagePublisher(Runner).PushAsync(PushOptions(built, name)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("ecr:CreateRepository", error.Message);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task A_dirty_tree_is_refused_unless_allowed_and_then_tagged_dirty()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("clean");
        await File.WriteAllTextAsync(Path.Combine(repo, "marker.txt"), "changed");
        var shortSha = await ContainerParts.GitAsync(repo, "rev-parse", "--short", "HEAD");

        var refused = await Assert.ThrowsAsync<ContainerInputException>(() => BuildAsync(repo, "dirty"));
        var built = await new ImageBuilder(Runner).BuildAsync(new ImageBuildOptions(repo, "dirty")
        {
            AllowDirty = true, Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli,
        });

        Assert.Contains("has uncommitted changes", refused.Message);
        Assert.Contains(ContainerInputs.AllowDirty, refused.Remedy.Mentions);
        Assert.Equal($"{shortSha}-dirty", built.Tag);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public async Task Latest_as_the_build_tag_is_refused()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("latest-tag");

        var error = await Assert.ThrowsAsync<ContainerInputException>(() => BuildAsync(repo, "app", tag: "latest"));

        Assert.Equal("image tag 'latest' is refused: tags must be immutable; pass a commit SHA (or ask for the 'latest' tag when pushing)", error.Message);
        Directory.Delete(repo, recursive: true);
    }
}
