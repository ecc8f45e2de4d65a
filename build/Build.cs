using Pipelines;
using Pipelines.CiGeneration;
using Pipelines.Components;

/// <summary>This repository's own build, written with Pipelines itself.</summary>
[GitHubActions("ci",
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
    OnPushBranches = ["main"], OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(Test)],
    Concurrency = "ci-${{ github.ref }}", TimeoutMinutes = 45)]
[Jenkins(InvokedTargets = [nameof(Test)], AgentLabel = "linux", TimeoutMinutes = 60, GitHubPush = true,
    JUnitReports = "artifacts/test-results/*.xml")]
partial class Build : PipelineBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Demo);

    [Parameter("Configuration to build, test and pack")]
    readonly Configuration Configuration = Configuration.Debug;

    string Solution => Path.Combine(RootDirectory, "Pipelines.sln");

    string PackagesDirectory => Path.Combine(ArtifactsDirectory, "packages");

    Target Restore => _ => _
        .Description("Restore the NuGet packages of every project")
        .Executes(ct => Tools.RunAsync("dotnet", ["restore", Solution, "--nologo"], ct: ct));

    Target Compile => _ => _
        .Description("Compile the solution")
        .DependsOn(Restore)
        .Executes(ct => Tools.RunAsync("dotnet", ["build", Solution, "--no-restore", "--nologo", "-c", Configuration.ToString()], ct: ct));

    Target InstallTestTools => _ => _
        .Description("Install the tools the tests start (dockerd, registry, skopeo, git...) when missing")
        .Executes(async ct => Note(await TestTools.EnsureInstalledAsync(RootDirectory, Tools, Log, ct)));

    Target Test => _ => _
        .Description("Run every test project (installs and starts what the tests need)")
        .DependsOn(Compile, InstallTestTools)
        .Executes(async ct =>
        {
            var results = Path.Combine(ArtifactsDirectory, "test-results");
            // Our longest test takes about two minutes on a loaded 2-core machine: a hung one ends the run in minutes, named,
            // and the whole run (about ten minutes in CI) has a bound well inside CI's 30.
            var bound = TimeSpan.FromMinutes(8);
            var run = await Tools.RunAsync("dotnet",
                ["test", Solution, "--no-build", "--nologo", "-c", Configuration.ToString(), "--results-directory", results,
                 "--logger", "junit;LogFilePath=" + Path.Combine(results, "{assembly}.xml"), .. TestHangBound.Arguments(bound)],
                throwOnError: false, timeout: TimeSpan.FromMinutes(25), ct: ct);
            var counts = TestCounts.Parse(run.StandardOutput);
            // One plain closing line that any CI reads the same way, whatever the test runner printed above it.
            Log.WriteLine($"Tests: {counts.Passed} passed, {counts.Failed} failed, {counts.Skipped} skipped");
            Note($"{counts.Passed} passed, {counts.Failed} failed, {counts.Skipped} skipped");
            if (run.ExitCode != 0 && TestHangBound.Describe(run.StandardOutput + run.StandardError, bound) is { } stopped)
                throw new TargetFailedException(stopped);
            if (run.ExitCode != 0)
                throw new TargetFailedException($"dotnet test exited with code {run.ExitCode}: {counts.Failed} failed; see the output above");
        });

    Target Pack => _ => _
        .Description("Pack the libraries into artifacts/packages")
        .DependsOn(Compile)
        .After(Test)
        .Executes(async ct =>
        {
            var projects = Directory.GetFiles(Path.Combine(RootDirectory, "src"), "*.csproj", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal).ToList();
            foreach (var project in projects)
            {
                await Tools.RunAsync("dotnet", ["pack", project, "--no-build", "--nologo", "-c", Configuration.ToString(), "-o", PackagesDirectory], ct: ct);
            }
            Note($"{projects.Count} packages in artifacts/packages");
        });
}
