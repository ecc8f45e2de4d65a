using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

/// <summary>The whole output of one run per CI host, compared with a snapshot under Snapshots/.</summary>
public partial class Summaries
{
    static readonly string[] Args = ["Build", "Test", "Package", "Clean", "--skip", "Prepare", "--host"];

    [Theory]
    [InlineData("Terminal")]
    [InlineData("GitHubActions")]
    [InlineData("Jenkins")]
    public async Task Each_host_prints_its_own_sections_and_summary(string host)
    {
        using var root = new TestRoot();
        var stepSummary = Path.Combine(root.Path, "step-summary.md");
        var result = await Run.Build<SummaryBuild>([.. Args, host], Run.Env(("GITHUB_STEP_SUMMARY", stepSummary)), root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("\u001b[", result.Out);
        var text = Normalize(result.Out);
        if (host == "GitHubActions")
            text += "\n--- $GITHUB_STEP_SUMMARY ---\n" + Normalize(File.ReadAllText(stepSummary));
        else
            Assert.False(File.Exists(stepSummary));
        MatchSnapshot($"Summary.{host}.txt", text);
    }

    [Fact]
    public async Task The_host_is_detected_from_the_environment()
    {
        var github = await Run.Build<SummaryBuild>(["Compile"], Run.Env(("GITHUB_ACTIONS", "true")));
        var jenkins = await Run.Build<SummaryBuild>(["Compile"], Run.Env(("JENKINS_URL", "http://ci.example/")));
        var jenkinsByNumber = await Run.Build<SummaryBuild>(["Compile"], Run.Env(("BUILD_NUMBER", "7"), ("JENKINS_HOME", "/var/jenkins")));
        var buildNumberAlone = await Run.Build<SummaryBuild>(["Compile"], Run.Env(("BUILD_NUMBER", "7")));

        Assert.Contains("::group::Compile\n", github.Out);
        Assert.Contains("========== Compile ==========\n", jenkins.Out);
        Assert.Contains("========== Compile ==========\n", jenkinsByNumber.Out);
        Assert.Contains("═══ Compile ═══\n", buildNumberAlone.Out);
    }

    [Fact]
    public async Task A_terminal_that_is_not_redirected_gets_colour()
    {
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(["Build", "Test", "Package", "Clean"], new Dictionary<string, string?>(), stdout, new StringWriter())
        {
            RootDirectory = Path.GetTempPath(),
            Ansi = true,
        };

        var exitCode = await PipelineBuild.ExecuteAsync<SummaryBuild>(invocation);

        Assert.Equal(1, exitCode);
        Assert.Contains("\u001b[", stdout.ToString());
        Assert.Contains("Build failed.", stdout.ToString());
        Assert.Contains("removed 4 files", stdout.ToString());
    }

    static string Normalize(string text) => DurationPattern().Replace(text, "00:00.000");

    static void MatchSnapshot(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", name);
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"snapshot {name} was missing and has been written; review it and run again");
        }
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [GeneratedRegex(@"\d\d:\d\d\.\d{3}")]
    private static partial Regex DurationPattern();
}
