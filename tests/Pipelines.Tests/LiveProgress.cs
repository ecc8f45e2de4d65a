using Pipelines.Tests.Builds;

namespace Pipelines.Tests;

public class LiveProgress
{
    const string ClearLine = "\r\u001b[2K";

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
