using System.Diagnostics;
using Pipelines.Components.Tests.Hardening.BadInput;
using Pipelines.Testing;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// Peers that accept the connection and never answer — a registry asked to verify the image, GitHub in pull-request mode —
/// end the target in one line within the bound the parameters give, and the config repo is unchanged.
/// </summary>
public sealed class SilentPeersAreBounded(ITestOutputHelper output) : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("pipelines-silent-").FullName;

    [Fact]
    public async Task A_registry_that_never_answers_the_image_check_fails_the_bump_at_the_registry_timeout()
    {
        using var registry = SilentPeer.Accepting();
        var config = await ConfigRepoAsync($"{registry.Address}/app");
        var before = await ContainerParts.GitAsync(config, "rev-parse", "main");

        var (exitCode, line, seconds) = await RunAsync("BumpConfigRepo", "--config-repo", config, "--environment", "dev",
            "--image-repository", $"{registry.Address}/app", "--image-tag", "v2", "--registry-timeout", "1s");

        Record("peers/registry-verify-image", seconds);
        Assert.Equal(1, exitCode);
        Assert.Matches(@"^Target BumpConfigRepo failed: --verify-image could not check '\S+': registry \S+ did not answer HEAD app:v2 within 00:00:01", line);
        Assert.InRange(seconds, 0.9, 15);
        Assert.True(registry.Accepted >= 1);
        Assert.Equal(before, await ContainerParts.GitAsync(config, "rev-parse", "main"));
    }

    [Fact]
    public async Task GitHub_that_never_answers_fails_a_pull_request_at_the_GitHub_timeout()
    {
        using var github = SilentPeer.Accepting();
        var config = await ConfigRepoAsync("registry.example/app");
        var before = await ContainerParts.GitAsync(config, "for-each-ref", "--format=%(refname) %(objectname)");

        var (exitCode, line, seconds) = await RunAsync("BumpConfigRepo", "--config-repo", config, "--environment", "dev",
            "--image-repository", "registry.example/app", "--image-tag", "v2", "--verify-image", "false", "--push-mode", "pull-request",
            "--github-token", "ghp_silentpeer0000000000000000000000000000", "--github-url", $"http://{github.Address}/", "--github-repository", "org/config",
            "--github-timeout", "1s");

        Record("peers/github-pull-request", seconds);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("Target BumpConfigRepo failed: --github-token could not be used: GitHub did not answer", line);
        Assert.DoesNotContain("ghp_silentpeer", line);
        Assert.InRange(seconds, 0.9, 15);
        Assert.Equal(before, await ContainerParts.GitAsync(config, "for-each-ref", "--format=%(refname) %(objectname)"));
    }

    async Task<(int ExitCode, string Line, double Seconds)> RunAsync(params string[] args)
    {
        var root = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(args, InvocationEnvironment.Of(), stdout, new StringWriter()) { RootDirectory = root };
        var clock = Stopwatch.StartNew();
        var exitCode = await PipelineBuild.ExecuteAsync<HardeningBuild>(invocation);
        var line = stdout.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("Target ", StringComparison.Ordinal) && l.Contains(" failed: ")) ?? stdout.ToString();
        return (exitCode, line, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A bare config repo whose dev environment runs <paramref name="repository"/>:v1.</summary>
    async Task<string> ConfigRepoAsync(string repository)
    {
        var tree = Path.Combine(_work, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "clusters", "dev"));
        await File.WriteAllTextAsync(Path.Combine(tree, "clusters", "dev", "deployment.yaml"),
            $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {repository}:v1\n");
        await ContainerParts.GitAsync(tree, "init", "-q", "-b", "main");
        await ContainerParts.GitAsync(tree, "add", "-A");
        await ContainerParts.GitAsync(tree, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "config");
        var bare = Path.Combine(_work, "config.git");
        await ContainerParts.GitAsync(_work, "clone", "-q", "--bare", tree, bare);
        return bare;
    }

    void Record(string scenario, double seconds) =>
        HardeningFigures.Record(output, "hostile", scenario, ("tried", 1), ("handled", 1), ("seconds", Math.Round(seconds, 2)));

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
    }
}
