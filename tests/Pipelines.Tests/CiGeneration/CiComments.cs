using Pipelines.CiGeneration;
using Pipelines.Planning;

namespace Pipelines.Tests.CiGeneration;

/// <summary>A target's CI comment is written where the target runs: above the run step of its GitHub job and at the top of its
/// Jenkins stage, and nowhere else; the files still pass the real linters.</summary>
public sealed class CiComments : IDisposable
{
    private const string Comment = "needs a Docker engine on the agent; skipped without one";
    private readonly string _directory = Directory.CreateTempSubdirectory("pipelines-ci-comments-").FullName;

    private static readonly BuildDescription Build = new(typeof(CommentedFlow),
    [
        Target("Compile"),
        Target("DockerBuild", dependsOn: ["Compile"]),
        Target("SmokeTest", dependsOn: ["DockerBuild"], comment: Comment),
        Target("PushEcr", dependsOn: ["DockerBuild"], after: ["SmokeTest"]),
        Target("Ci", dependsOn: ["SmokeTest", "PushEcr"]),
        Target("Cd", after: ["Ci"]),
        Target("Release", dependsOn: ["Ci", "Cd"]),
    ], [], DefaultTargets: ["Release"]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_comment_stands_by_the_job_and_the_stage_that_run_the_target()
    {
        var files = CiFiles.Generate(Build).ToDictionary(f => f.RelativePath, f => f.Content);

        var workflow = files[".github/workflows/release.yml"];
        Assert.Contains($"      # SmokeTest: {Comment}\n      - name: Run Ci\n        run: ./build.sh Ci\n", workflow);
        Assert.Equal(1, Occurrences(workflow, "# SmokeTest:"));
        var jenkinsfile = files["Jenkinsfile"];
        Assert.Contains($"        stage('Ci') {{\n            // SmokeTest: {Comment}\n            steps {{\n", jenkinsfile);
        Assert.Equal(1, Occurrences(jenkinsfile, "// SmokeTest:"));
    }

    [Fact]
    public void A_long_comment_is_wrapped_at_100_characters()
    {
        var words = string.Join(' ', Enumerable.Repeat("engine", 40));
        var build = Build with { Targets = [.. Build.Targets.Select(t => t.Name == "SmokeTest" ? t with { CiComment = words } : t)] };

        var jenkinsfile = CiFiles.Generate(build).Single(f => f.RelativePath == "Jenkinsfile").Content;

        var lines = jenkinsfile.Split('\n').Where(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) && l.Contains("engine", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.True(l.Trim().Length <= 103, l));
        Assert.StartsWith("            // SmokeTest: engine engine", lines[0]);
        Assert.Equal(40, lines.Sum(l => l.Split("engine").Length - 1));
    }

    [Fact]
    public void Commented_files_pass_the_linters()
    {
        var files = CiFiles.Generate(Build);
        var workflow = Path.Combine(_directory, ".github", "workflows", "release.yml");
        var jenkinsfile = Path.Combine(_directory, "Jenkinsfile");
        Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
        File.WriteAllText(workflow, files.Single(f => f.RelativePath.EndsWith(".yml", StringComparison.Ordinal)).Content);
        File.WriteAllText(jenkinsfile, files.Single(f => f.RelativePath == "Jenkinsfile").Content);

        var (workflowExit, workflowOutput) = NodeLinters.Run("lint-workflows.mjs", workflow);
        var (jenkinsExit, jenkinsOutput) = NodeLinters.Run("lint-jenkinsfile.mjs", jenkinsfile);

        Assert.True(workflowExit == 0, workflowOutput);
        Assert.True(jenkinsExit == 0, jenkinsOutput);
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    private static TargetDescription Target(string name, string[]? dependsOn = null, string[]? after = null, string? comment = null) =>
        new(name, null, dependsOn ?? [], after ?? [], [], Unlisted: false, [], typeof(CiComments), comment);

    [CiJob("Ci")]
    [CiJob("Cd")]
    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"])]
    [Jenkins(InvokedTargets = ["Release"], KubernetesPodTemplate = "deploy/jenkins-agent-pod.yaml", KubernetesDefaultContainer = "dotnet")]
    public sealed class CommentedFlow;
}
