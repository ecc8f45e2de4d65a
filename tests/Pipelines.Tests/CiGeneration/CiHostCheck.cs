using Pipelines.Tests.Support;

namespace Pipelines.Tests.CiGeneration;

/// <summary>The engine's first step on a CI host: committed generated files must be current.</summary>
public sealed class CiHostCheck : IDisposable
{
    private readonly TestRoot _root = new();

    public void Dispose() => _root.Dispose();

    private string Workflow => Path.Combine(_root.Path, ".github", "workflows", "release.yml");

    private Task<BuildResult> Build(params (string Name, string? Value)[] environment) =>
        Run.Build<FlowBuild>(["Compile"], Run.Env(environment), _root.Path);

    [Fact]
    public async Task Generate_ci_writes_the_declared_files()
    {
        var result = await Run.Build<FlowBuild>(["--generate-ci"], root: _root.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Workflow));
        Assert.True(File.Exists(Path.Combine(_root.Path, "Jenkinsfile")));
    }

    [Fact]
    public async Task A_hand_edited_workflow_fails_a_GitHub_run_with_one_line_and_passes_after_regenerating()
    {
        Assert.Equal(0, (await Run.Build<FlowBuild>(["--generate-ci"], root: _root.Path)).ExitCode);
        Assert.Equal(0, (await Build(("GITHUB_ACTIONS", "true"))).ExitCode);

        File.WriteAllText(Workflow, File.ReadAllText(Workflow).Replace("runs-on: ubuntu-latest", "runs-on: ubuntu-22.04"));
        var stale = await Build(("GITHUB_ACTIONS", "true"));
        Assert.Equal(1, stale.ExitCode);
        Assert.Empty(stale.Ran);
        Assert.DoesNotContain('\n', stale.ErrorLine);
        Assert.Contains(".github/workflows/release.yml", stale.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("./build.sh --generate-ci", stale.ErrorLine, StringComparison.Ordinal);

        Assert.Equal(0, (await Run.Build<FlowBuild>(["--generate-ci"], root: _root.Path)).ExitCode);
        var fresh = await Build(("GITHUB_ACTIONS", "true"));
        Assert.Equal(0, fresh.ExitCode);
        Assert.Equal(["Compile"], fresh.Ran);
    }

    [Fact]
    public async Task A_missing_Jenkinsfile_fails_a_Jenkins_run()
    {
        Assert.Equal(0, (await Run.Build<FlowBuild>(["--generate-ci"], root: _root.Path)).ExitCode);
        File.Delete(Path.Combine(_root.Path, "Jenkinsfile"));
        var result = await Build(("JENKINS_URL", "http://jenkins.invalid/"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Jenkinsfile", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_naming_no_target_is_an_invocation_error()
    {
        var result = await Run.Build<MisspeltCiBuild>(["--generate-ci"], root: _root.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\n', result.ErrorLine);
        Assert.Contains("InvokedTargets names 'Relase', which is not a target of MisspeltCiBuild", result.ErrorLine, StringComparison.Ordinal);
    }

    [Pipelines.CiGeneration.GitHubActions("ci", On = [Pipelines.CiGeneration.GitHubActionsTrigger.Push], InvokedTargets = ["Relase"])]
    public sealed class MisspeltCiBuild : PipelineBuild
    {
        Target Release => _ => _.Executes(() => Log.WriteLine("ran:Release"));
    }

    [Fact]
    public async Task On_a_terminal_a_stale_file_is_only_a_warning()
    {
        var result = await Build();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile"], result.Ran);
        Assert.Contains("--generate-ci", result.Out + result.Error, StringComparison.Ordinal);
    }
}
