using System.Text;
using Pipelines.Components;
using Pipelines.Components.Tests.EndToEnd;
using Pipelines.Components.Tests.Hardening.Report;
using Pipelines.Testing;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Ecr;
using Pipelines.Testing.Git;
using Pipelines.Testing.Registry;

namespace Pipelines.Components.Tests.Hardening.Secrets;

/// <summary>
/// The whole Release of the sample (the end-to-end scene: dockerd, registry, ECR stand-in, git daemon, Flux on the
/// Kubernetes stand-in) with known secrets, once per CI host formatting; then every place a secret could land is searched:
/// zero occurrences. The private DOCKER_CONFIG is 0600 while it exists and gone afterwards, also when the run is cancelled
/// in the middle of PushEcr.
/// </summary>
[Collection(nameof(EndToEnd.EndToEnd))]
public sealed class SecretsStayHidden
{
    const string AppName = "gitops-app-demo";

    [Fact]
    public async Task Release_on_every_host_leaks_no_secret_and_leaves_no_credential_file()
    {
        await using var docker = await DockerDaemon.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var ecr = await EcrStandIn.StartAsync(registry.Url, registry.Username, registry.Password);
        // Everything the run writes to temporary directories (clones, docker configs, the app, the config repo) lands here.
        var temp = Path.Combine(Path.GetTempPath(), "pipelines-secrets-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(temp);
        var sessionToken = "IQoJb3JpZ2luX2VjEHardeningSession" + Guid.NewGuid().ToString("N");
        var gitHubToken = "ghp_Hardening" + Guid.NewGuid().ToString("N");
        var secrets = new Dictionary<string, string>
        {
            ["AWS access key"] = ecr.AccessKey,
            ["AWS secret key"] = ecr.SecretKey,
            ["AWS session token"] = sessionToken,
            ["GitHub token"] = gitHubToken,
            ["registry password"] = registry.Password,
            ["ECR authorization token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.Username}:{registry.Password}")),
        };
        var search = new SecretSearch(secrets);
        var modes = new List<string>();
        try
        {
            // The temporary directory is the process's (every library writes there); the rest is the builds' own environment.
            using var temporary = ProcessEnvironment.Set(("TMPDIR", temp));
            (string, string?)[] common = [("TMPDIR", temp), ("DOCKER_HOST", docker.Host),
                ("AWS_ACCESS_KEY_ID", ecr.AccessKey), ("AWS_SECRET_ACCESS_KEY", ecr.SecretKey), ("AWS_SESSION_TOKEN", sessionToken),
                ("AWS_PROFILE", null), ("AWS_EC2_METADATA_DISABLED", "true")];
            using var git = await GitDaemon.StartAsync();
            using var app = await SampleAppRepository.CreateAsync();
            var repository = $"{registry.Host}/{AppName}";
            var configRepo = await git.CreateRepositoryAsync("config", new Dictionary<string, byte[]> { ["README.md"] = "config\n"u8.ToArray() });
            var init = await RunAsync(app.Root, InvocationEnvironment.Of(common), "InitConfigRepo", "--config-repo", configRepo, "--image-repository", repository,
                "--app-name", AppName, "--aws-region", "cn-north-1");
            Assert.True(init.ExitCode == 0, init.Output);
            await using var cluster = await ClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube"));
            string[] release = ["Release", "--push-to", "Ecr", "--aws-region", "cn-north-1", "--aws-account-id", ecr.AccountId,
                "--ecr-endpoint", ecr.Endpoint.ToString(), "--ecr-repository-name", AppName, "--image-name", AppName,
                "--dockerfile", SampleAppRepository.Dockerfile, "--solution", "tests/GitOpsAppDemo.Tests.csproj",
                "--test-filter", "FullyQualifiedName~PackagingTheApp",
                "--config-repo", configRepo, "--environment", "dev", "--verify-image", "false",
                "--kubeconfig", cluster.Kubeconfig, "--flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}",
                "--namespace", ClusterScene.AppNamespace, "--timeout", "00:00:30"];
            var summary = Path.Combine(temp, "step-summary.md");
            var hosts = new (string Name, Dictionary<string, string?> Environment)[]
            {
                ("Terminal", new()),
                ("GitHubActions", new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary }),
                ("Jenkins", new() { ["JENKINS_URL"] = "http://jenkins.example/", ["BUILD_NUMBER"] = "7" }),
            };
            foreach (var (host, hostEnvironment) in hosts)
            {
                // A new commit per host: a new tag, so each run really logs in, pushes, bumps and rolls out.
                await File.WriteAllTextAsync(Path.Combine(app.Root, "release.txt"), host);
                await ContainerParts.GitAsync(app.Root, "add", "release.txt");
                await ContainerParts.GitAsync(app.Root, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", host);
                hostEnvironment["GITHUB_TOKEN"] = gitHubToken;
                hostEnvironment["PIPELINES_REGISTRY_PASSWORD"] = registry.Password;
                var run = await RunAsync(app.Root, InvocationEnvironment.Of([.. common, .. hostEnvironment.Select(e => (e.Key, e.Value))]), release);
                Assert.True(run.ExitCode == 0, $"{host}:\n{run.Output}{run.Error}");
                Assert.Matches(@"pushed \S+:" + await app.ShortShaAsync(), run.Output);
                // The runner consumes ::add-mask:: lines and never shows them; everything else is what a reader sees. That the
                // token is announced there also proves the search would see it.
                if (host == "GitHubActions")
                    Assert.Contains($"::add-mask::{gitHubToken}", run.Output);
                var shown = string.Join('\n', run.Output.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
                search.InText($"{host} output", shown);
                search.InText($"{host} error output", run.Error);
            }
            Assert.True(File.Exists(summary), "GitHub Actions wrote no step summary");
            Assert.Equal(3, cluster.Rollouts.Count);

            Assert.Empty(Directory.GetDirectories(temp, "pipelines-docker-*"));

            // Cancelled in the middle of PushEcr: docker talks to a daemon that never answers, so the push is held while
            // the private docker config exists; its mode is read, then the run is cancelled.
            using var cancellation = new CancellationTokenSource();
            using var silent = SilentDaemon.Start(Path.Combine(temp, "silent.sock"));
            {
                var run = RunAsync(app.Root, InvocationEnvironment.Of([.. common, ("DOCKER_HOST", "unix://" + silent.SocketPath)]), ["PushEcr", "--skip", "DockerBuild", "ResolveBaseImage", "--image-tag", "cancelled-1", "--aws-region", "cn-north-1",
                    "--aws-account-id", ecr.AccountId, "--ecr-endpoint", ecr.Endpoint.ToString(), "--ecr-repository-name", AppName, "--image-name", AppName], cancellation.Token);
                var config = await WaitForDockerConfigAsync(temp, run);
                Assert.True(config is not null, "the run never created a private docker config\n" + (run.IsCompleted ? (await run).Output : ""));
                if (!OperatingSystem.IsWindows())
                {
                    modes.Add(File.GetUnixFileMode(config!).ToString());
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(config)!));
                }
                await cancellation.CancelAsync();
                var cancelled = await run;
                Assert.True(cancelled.ExitCode != 0, cancelled.Output);
                Assert.False(File.Exists(config), "the private docker config outlived the cancelled run");
                search.InText("cancelled run output", cancelled.Output + cancelled.Error);
            }

            search.InFiles("config repo", git.BarePath("config"));
            search.InText("config repo history", await git.GitAsync("config", "log", "-p", "--all"));
            search.InText("config repo .git/config", await File.ReadAllTextAsync(Path.Combine(git.BarePath("config"), "config")));
            search.InFiles("app repository (artifacts/, generated files, .git)", app.Root);
            search.InFiles("temporary directory", temp);
            Assert.Empty(Directory.GetDirectories(temp, "pipelines-docker-*"));
        }
        finally
        {
            HardeningReport.Append("secrets", "release on Terminal, GitHubActions, Jenkins + cancelled PushEcr", ("occurrences", search.Findings.Count),
                ("dockerConfigsSeen", modes.Count));
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        Assert.True(search.Findings.Count == 0, string.Join('\n', search.Findings));
        Assert.NotEmpty(modes);
        Assert.All(modes, m => Assert.Equal((UnixFileMode.UserRead | UnixFileMode.UserWrite).ToString(), m));
    }

    /// <summary>The private docker config's config.json once it exists; null if the run ended first.</summary>
    static async Task<string?> WaitForDockerConfigAsync(string temp, Task run)
    {
        while (!run.IsCompleted)
        {
            var config = Directory.GetDirectories(temp, "pipelines-docker-*").Select(d => Path.Combine(d, "config.json")).FirstOrDefault(File.Exists);
            if (config is not null)
                return config;
            await Task.WhenAny(run, Task.Delay(20));
        }
        return null;
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, Dictionary<string, string?> environment, string[] args, CancellationToken ct = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, environment, stdout, stderr) { RootDirectory = root, CancellationToken = ct };
        var exitCode = await PipelineBuild.ExecuteAsync<ReleaseBuild>(invocation, x => ((IRelease)x).Release);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    static Task<(int ExitCode, string Output, string Error)> RunAsync(string root, Dictionary<string, string?> environment, params string[] args) =>
        RunAsync(root, environment, args, default);
}
