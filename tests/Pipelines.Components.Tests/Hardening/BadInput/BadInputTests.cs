using Pipelines.Testing;
using Pipelines.Components.Tests.Hardening.Report;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// Each bad input, run in-process through the engine against the shared scene: the exit code, ONE error line that names
/// the input and says what to do, no stack trace, and nothing changed in the config repos, the registry or the cluster.
/// </summary>
[Collection(nameof(BadInputs))]
public sealed class BadInputTests(BadInputScene scene)
{
    [Theory]
    [MemberData(nameof(BadInputCorpus.Data), MemberType = typeof(BadInputCorpus))]
    public async Task Bad_input_is_refused_with_one_line_and_changes_nothing(BadInputCase @case)
    {
        var handled = false;
        try
        {
            await RunCaseAsync(@case);
            handled = true;
        }
        finally
        {
            HardeningReport.Append("bad-input", @case.Name, ("tried", 1), ("handled", handled ? 1 : 0));
        }
    }

    async Task RunCaseAsync(BadInputCase @case)
    {
        var before = await scene.SnapshotAsync();
        scene.ResetOutputs();
        @case.Arrange?.Invoke(scene);
        var args = @case.Args.Select(scene.Expand).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = InvocationEnvironment.Of([.. scene.BaseVariables, .. @case.Variables, .. @case.Environment.Select(e => (e.Key, e.Value))]);
        var invocation = new BuildInvocation(args, environment, stdout, stderr) { RootDirectory = scene.Root };
        var exitCode = await PipelineBuild.ExecuteAsync<HardeningBuild>(invocation);
        var output = stdout.ToString().ReplaceLineEndings("\n");
        var errors = stderr.ToString().ReplaceLineEndings("\n");
        var transcript = $"\n--- {string.Join(' ', args)}\n--- exit {exitCode}\n--- stdout:\n{output}--- stderr:\n{errors}";

        // The error a user reads: stderr's "error:" line, or, for a failed target, its "Target X failed:" line.
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Concat(output.Split('\n').Where(l => l.StartsWith("Target ", StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal)))
            .ToList();
        Assert.True(exitCode == @case.ExitCode, $"expected exit {@case.ExitCode}{transcript}");
        Assert.True(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, "stderr has more than one line" + transcript);
        Assert.True(lines.Count >= 1, "no error line" + transcript);
        var line = lines[0];
        foreach (var expected in @case.Expect.Select(scene.Expand))
            Assert.True(line.Contains(expected, StringComparison.Ordinal), $"the error line lacks '{expected}'{transcript}");
        Assert.False(output.Contains("\n   at ", StringComparison.Ordinal), "a stack trace was printed" + transcript);
        Assert.Equal(before, await scene.SnapshotAsync());
    }
}
