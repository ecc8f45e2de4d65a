using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

/// <summary>
/// Control characters that come from files, names, tools or peers are escaped before they reach a terminal or a CI log, so
/// a config repo's file name cannot retitle the terminal, ring its bell, recolour it or forge a CI command; the hosts' own
/// decorations (colour, log groups) still work.
/// </summary>
public class ControlCharacters
{
    const string Escaped = @"evil\x1B]0;pwned\x07\x1B[31m.yaml";

    [Theory]
    [InlineData("Terminal")]
    [InlineData("Jenkins")]
    [InlineData("GitHubActions")]
    public async Task Names_notes_and_tool_output_reach_the_log_escaped(string host)
    {
        var result = await Run.Build<ControlCharacterBuild>(["Show", "--host", host]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"editing {Escaped}", result.Out);
        Assert.Contains($"tool says {Escaped}", result.Out);
        Assert.Contains($"changed {Escaped}", result.Out);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain('\u0007', result.Out);
    }

    [Theory]
    [InlineData("Fail", 1)]
    [InlineData("Crash", 1)]
    public async Task Failure_lines_are_escaped_too(string target, int exitCode)
    {
        var result = await Run.Build<ControlCharacterBuild>([target]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(Escaped, result.Out);
        Assert.DoesNotContain('\u001b', result.Out + result.Error);
        Assert.DoesNotContain('\u0007', result.Out + result.Error);
    }

    [Fact]
    public async Task The_terminal_s_own_colour_is_kept()
    {
        using var root = new TestRoot();
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(["Show", "--host", "Terminal"], new Dictionary<string, string?>(), stdout, new StringWriter())
        {
            Ansi = true,
            RootDirectory = root.Path,
        };

        Assert.Equal(0, await PipelineBuild.ExecuteAsync<ControlCharacterBuild>(invocation));
        Assert.Contains("\u001b[", stdout.ToString()); // Spectre's colour and the live status line
        Assert.Contains(Escaped, stdout.ToString());
        Assert.DoesNotContain("\u001b]0;pwned", stdout.ToString(), StringComparison.Ordinal);
    }
}
