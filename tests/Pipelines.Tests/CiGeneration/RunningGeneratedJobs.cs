using Pipelines.CiGeneration;
using Pipelines.Planning;
using Pipelines.Tests.Support;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Runs the commands of the generated jobs through the engine, moving outputs the way the workflow's
/// upload and download steps do, and checks that together they do what one local run does.</summary>
public sealed class RunningGeneratedJobs
{
    private static readonly IReadOnlyList<GeneratedFile> Files =
        CiFiles.Generate(BuildDescription.FromType(typeof(FlowBuild), [nameof(Release)]));

    private const string Release = "Release";

    private static void WriteFiles(string root)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(root, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }

    private static string[] Arguments(string command)
    {
        var words = command.Split(' ');
        Assert.Equal("./build.sh", words[0]);
        return words[1..];
    }

    [Fact]
    public async Task GitHub_jobs_in_separate_workspaces_run_each_target_once_and_hand_the_image_on()
    {
        var local = await Run.Build<FlowBuild>([Release]);
        Assert.Equal(0, local.ExitCode);

        var workflow = WorkflowJson.Parse(Files.Single(f => f.RelativePath == ".github/workflows/release.yml").Content)!;
        var artifacts = new Dictionary<string, Dictionary<string, string>>();
        var ran = new List<string>();
        var logs = new Dictionary<string, string>();
        foreach (var (id, job) in workflow["jobs"]!.AsObject())
        {
            using var workspace = new TestRoot();
            WriteFiles(workspace.Path);
            string? command = null;
            foreach (var step in job!["steps"]!.AsArray())
            {
                var uses = step!["uses"]?.GetValue<string>().Split('@')[0];
                if (uses == "actions/download-artifact" &&
                    artifacts.TryGetValue(step["with"]!["pattern"]!.GetValue<string>(), out var files))
                {
                    foreach (var (name, content) in files)
                    {
                        var path = Path.Combine(workspace.Path, step["with"]!["path"]!.GetValue<string>(), name);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        File.WriteAllText(path, content);
                    }
                }
                else if (step["run"] is { } run)
                {
                    command = run.GetValue<string>();
                    var result = await Run.Build<FlowBuild>(Arguments(command),
                        Run.Env(("GITHUB_ACTIONS", "true"), ("PIPELINES_CONFIG_REPO_TOKEN", "s3cret")), workspace.Path);
                    Assert.True(result.ExitCode == 0, $"{id}: {command} exited {result.ExitCode}: {result.Error}");
                    ran.AddRange(result.Ran);
                    logs[id] = result.Out;
                }
                else if (uses == "actions/upload-artifact")
                {
                    var directory = Path.Combine(workspace.Path, "artifacts", "outputs");
                    artifacts[step["with"]!["name"]!.GetValue<string>()] = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                        .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllText);
                }
            }
            Assert.NotNull(command);
        }

        Assert.Equal(local.Ran, ran);
        Assert.Contains("deploying registry.example/app:1a2b3c4@sha256:abc with a token", logs["cd"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jenkins_stages_in_one_workspace_run_each_target_once()
    {
        var local = await Run.Build<FlowBuild>([Release]);
        using var workspace = new TestRoot();
        WriteFiles(workspace.Path);
        var commands = Files.Single(f => f.RelativePath == "Jenkinsfile").Content.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("sh '", StringComparison.Ordinal))
            .Select(l => l[4..^1])
            .ToList();
        Assert.Equal(3, commands.Count);

        var ran = new List<string>();
        foreach (var command in commands)
        {
            var result = await Run.Build<FlowBuild>(Arguments(command), Run.Env(("JENKINS_URL", "http://jenkins.invalid/")), workspace.Path);
            Assert.True(result.ExitCode == 0, $"{command} exited {result.ExitCode}: {result.Error}");
            ran.AddRange(result.Ran);
        }
        Assert.Equal(local.Ran, ran);
    }
}
