using Pipelines.Tests.Builds;

namespace Pipelines.Tests;

public class LiveProgress
{
    const string ClearLine = "\r\u001b[2K";
    const string UpAndClear = "\u001b[1A\u001b[2K";

    static async Task<string> RunLiveRowsAsync(bool ansi, Dictionary<string, string?> environment)
    {
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(["Watch", "--api-token", "tok-5ecret-value"], environment, stdout, new StringWriter())
        {
            RootDirectory = Path.GetTempPath(),
            Ansi = ansi,
        };
        Assert.Equal(0, await PipelineBuild.ExecuteAsync<LiveRowsBuild>(invocation));
        return stdout.ToString();
    }

    [Fact]
    public async Task Rows_are_drawn_under_the_status_line_replaced_in_place_and_removed()
    {
        var output = await RunLiveRowsAsync(ansi: true, []);

        Assert.Contains("live display", output);
        // Drawn under the status line, indented; the updated row replaces the old one instead of adding a line.
        var first = output.IndexOf("\n  web: 1/3 updated", StringComparison.Ordinal);
        var updated = output.IndexOf("\n  web: 3/3 updated", StringComparison.Ordinal);
        Assert.True(first > 0 && updated > first, output);
        Assert.Contains("\n  api: 0/2 updated with ***", output);
        Assert.DoesNotContain("tok-5ecret-value", output);
        // Three lines on screen (status, web, api) are cleared with two cursor-ups before the next output line.
        Assert.Contains(ClearLine + UpAndClear + UpAndClear + "second step", output);
        // After the rows are removed nothing draws them again.
        Assert.DoesNotContain("web:", output[output.IndexOf("rows removed", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "GITHUB_ACTIONS")]
    [InlineData(true, "JENKINS_URL")]
    public async Task Ci_logs_and_redirected_output_get_no_live_rows(bool ansi, string? ciVariable)
    {
        var environment = new Dictionary<string, string?>();
        if (ciVariable is not null)
            environment[ciVariable] = ciVariable == "GITHUB_ACTIONS" ? "true" : "https://ci.example/";

        var output = await RunLiveRowsAsync(ansi, environment);

        Assert.Contains("no live display", output);
        Assert.DoesNotContain("web:", output);
    }

    [Fact]
    public async Task An_interactive_terminal_shows_the_running_target_under_its_output_and_clears_it_at_the_end()
    {
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(["Compile"], new Dictionary<string, string?>(), stdout, new StringWriter())
        {
            RootDirectory = Path.GetTempPath(),
            Ansi = true,
        };

        Assert.Equal(0, await PipelineBuild.ExecuteAsync<SummaryBuild>(invocation));

        var output = stdout.ToString();
        // After a line of Compile's output the status names Compile; the next line first clears it.
        var status = output.IndexOf(" Compile 0s", StringComparison.Ordinal);
        Assert.True(status > output.IndexOf("compiling 2 projects\n", StringComparison.Ordinal), output);
        Assert.Contains(ClearLine, output[status..]);
        // The summary is written after the status line is gone.
        Assert.DoesNotContain(" Compile 0s", output[output.LastIndexOf(ClearLine, StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Redirected_output_never_gets_a_status_line()
    {
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(["Compile"], new Dictionary<string, string?>(), stdout, new StringWriter())
        {
            RootDirectory = Path.GetTempPath(),
        };

        Assert.Equal(0, await PipelineBuild.ExecuteAsync<SummaryBuild>(invocation));

        Assert.DoesNotContain("\u001b[2K", stdout.ToString());
    }
}
