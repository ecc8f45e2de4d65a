using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class GeneratedCiFiles
{
    [Fact]
    public async Task Generate_ci_writes_the_declared_files_and_the_schema()
    {
        using var root = new TestRoot();

        var result = await Run.Build<CiBuild>(["--generate-ci"], root: root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wrote .nuke/build.schema.json\n", result.Out);
        Assert.Contains("wrote .github/workflows/ci.yml\n", result.Out);
        Assert.True(File.Exists(Path.Combine(root.Path, ".github", "workflows", "ci.yml")));
        Assert.Empty(result.Ran);

        var again = await Run.Build<CiBuild>(["--generate-ci"], root: root.Path);
        Assert.DoesNotContain("wrote", again.Out);
    }

    [Theory]
    [InlineData("GitHubActions")]
    [InlineData("Jenkins")]
    public async Task A_ci_host_refuses_to_run_with_stale_ci_files(string host)
    {
        using var root = new TestRoot();

        var result = await Run.Build<CiBuild>(["Compile", "--host", host], root: root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Ran);
        Assert.Matches(@"^error: \S+ (\(and \d+ more\) )?is out of date with the build; run ./build.sh --generate-ci and commit the result$", result.ErrorLine);

        await Run.Build<CiBuild>(["--generate-ci"], root: root.Path);
        var fresh = await Run.Build<CiBuild>(["Compile", "--host", host], root: root.Path);
        Assert.Equal(0, fresh.ExitCode);
        Assert.Equal(["Compile"], fresh.Ran);
    }

    [Fact]
    public async Task A_terminal_only_warns_about_stale_ci_files()
    {
        var result = await Run.Build<CiBuild>(["Compile"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile"], result.Ran);
        Assert.Contains("warning: ", result.Out);
        Assert.Contains("run ./build.sh --generate-ci", result.Out);
    }
}
