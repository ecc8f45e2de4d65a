using System.Diagnostics;
using Pipelines.Testing;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>What one hostile run left: the exit code, the one error line a user reads, all output, and how long it took.</summary>
public sealed record HostileRun(int ExitCode, string Line, string Output, double Seconds)
{
    /// <summary>Runs <typeparamref name="TBuild"/> in-process with <paramref name="args"/> in its own environment under <paramref name="root"/>.</summary>
    public static async Task<HostileRun> RunAsync<TBuild>(string root, string[] args, params (string Name, string? Value)[] variables)
        where TBuild : PipelineBuild, new()
    {
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, InvocationEnvironment.Of(variables), stdout, stderr) { RootDirectory = root };
        var clock = Stopwatch.StartNew();
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(invocation);
        var seconds = clock.Elapsed.TotalSeconds;
        var output = stdout.ToString().ReplaceLineEndings("\n");
        var errors = stderr.ToString().ReplaceLineEndings("\n");
        var transcript = $"--- {string.Join(' ', args)}\n--- exit {exitCode}\n--- stdout:\n{output}--- stderr:\n{errors}";
        Assert.True(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, "stderr has more than one line\n" + transcript);
        Assert.False(transcript.Contains("\n   at ", StringComparison.Ordinal), "a stack trace was printed\n" + transcript);
        // The line a user reads: stderr's error line, or, for a failed target, its "Target X failed:" line.
        var line = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Concat(output.Split('\n').Where(l => l.StartsWith("Target ", StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal)))
            .FirstOrDefault() ?? "";
        Assert.True(line.Length > 0 || exitCode == 0, "no error line\n" + transcript);
        var logs = Path.Combine(root, "artifacts", "logs");
        var logText = Directory.Exists(logs) ? string.Concat(Directory.GetFiles(logs, "*", SearchOption.AllDirectories).Select(File.ReadAllText)) : "";
        return new HostileRun(exitCode, line, transcript + "\n--- logs:\n" + logText, seconds);
    }

    /// <summary>Asserts the exit code, the words of the line, a bound on the time, and that no secret was shown anywhere.</summary>
    public void AssertHandled(int exitCode, double withinSeconds, string[] expect, params string[] secrets)
    {
        Assert.True(ExitCode == exitCode, $"expected exit {exitCode}\n{Output}");
        foreach (var words in expect)
            Assert.True(Line.Contains(words, StringComparison.Ordinal), $"the error line lacks '{words}'\n{Output}");
        Assert.True(Seconds < withinSeconds, $"took {Seconds:0.0}s, over {withinSeconds}s\n{Output}");
        foreach (var secret in secrets)
            Assert.False(Output.Contains(secret, StringComparison.Ordinal), $"a secret was shown\n{Output}");
    }
}
