using System.Diagnostics;
using Pipelines.Components.Tests.Hardening.BadInput;
using Pipelines.Testing;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>
/// Each hostile config repo, met by a target through the engine in this process: the exit code and the one line, no stack
/// trace, the remote exactly as it was (or changed by exactly the expected commit, links still links), the outside folder
/// byte for byte as it was, a bounded run, and for bombs the rise in peak memory.
/// </summary>
[Collection(nameof(HostileConfigs))]
public sealed class HostileConfigTests(HostileConfigScene scene, ITestOutputHelper output)
{
    // A case that is not handled runs away (a bomb never finishes); this bound turns that into a failure.
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(HostileConfigCorpus.Data), MemberType = typeof(HostileConfigCorpus))]
    public async Task Hostile_config_is_handled_in_one_line_and_changes_nothing_else(HostileCase @case)
    {
        var handled = 0;
        var clock = Stopwatch.StartNew();
        PeakMemory? memory = null;
        try
        {
            memory = await RunCaseAsync(@case, clock);
            handled = 1;
        }
        finally
        {
            (string, object?)[] figures = [("tried", 1), ("handled", handled), ("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3))];
            if (@case.Bomb && memory is not null)
                figures = [.. figures, ("peakRssMb", Math.Round(memory.PeakRiseMb, 1)), ("allocatedMb", Math.Round(memory.AllocatedMb, 1))];
            HardeningFigures.Record(output, "hostile", @case.Name, figures);
        }
    }

    async Task<PeakMemory> RunCaseAsync(HostileCase @case, Stopwatch clock)
    {
        var repo = @case.Name.Replace('/', '-');
        var links = @case.Links.ToDictionary(l => l.Key, l => scene.Expand(l.Value, repo));
        await scene.CreateRepositoryAsync(repo, @case.Files, links);
        var refs = await scene.RefsAsync(repo);
        var linkEntries = new Dictionary<string, string>();
        foreach (var link in links.Keys)
            linkEntries[link] = await scene.EntryAsync(repo, link);
        var outside = scene.Outside();
        var args = @case.Args.Select(a => scene.Expand(a, repo)).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, InvocationEnvironment.Of(), stdout, stderr) { RootDirectory = scene.Root };

        var memory = PeakMemory.Start();
        clock.Restart();
        var run = Task.Run(() => PipelineBuild.ExecuteAsync<HardeningBuild>(invocation));
        Assert.True(await Task.WhenAny(run, Task.Delay(Bound)) == run, $"{@case.Name} did not finish within {Bound.TotalSeconds} s");
        var exitCode = await run;
        clock.Stop();

        var (outText, errText) = (stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
        var transcript = Pipelines.Tooling.ControlCharacters.Escape($"\n--- {string.Join(' ', args)}\n--- exit {exitCode}\n--- stdout:\n{outText}--- stderr:\n{errText}");
        Assert.True(exitCode == @case.ExitCode, $"expected exit {@case.ExitCode}{transcript}");
        Assert.True(errText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, "stderr has more than one line" + transcript);
        Assert.False((outText + errText).Contains("\n   at ", StringComparison.Ordinal), "a stack trace was printed" + transcript);
        // Whatever a case is about, a control character from the clone never reaches the console raw.
        Assert.False((outText + errText).AsSpan().IndexOfAny('\u001b', '\u0007') >= 0, "a raw ESC or BEL was printed" + transcript);
        var line = Line(@case, outText, errText) ?? throw new Xunit.Sdk.XunitException("no line says what happened" + transcript);
        foreach (var expected in @case.Expect.Select(e => scene.Expand(e, repo)))
            Assert.True(line.Contains(expected, StringComparison.Ordinal), $"the line lacks '{expected}':\n{line}{transcript}");

        Assert.Equal(outside, scene.Outside());
        if (@case.Changed is null && @case.Untouched is null)
            Assert.Equal(refs, await scene.RefsAsync(repo));
        else
        {
            var changed = await scene.ChangedByLastCommitAsync(repo);
            Assert.NotEqual(refs, await scene.RefsAsync(repo));
            if (@case.Changed is not null)
                Assert.Equal(@case.Changed.Order(StringComparer.Ordinal), changed);
            foreach (var untouched in @case.Untouched ?? [])
                Assert.DoesNotContain(changed, f => f == untouched || f.StartsWith(untouched + "/", StringComparison.Ordinal));
        }
        foreach (var (link, entry) in linkEntries)
            Assert.Equal(entry, await scene.EntryAsync(repo, link));
        foreach (var (path, bytes) in @case.ExpectedBytes)
            Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(await scene.BytesAsync(repo, path)));
        return memory;
    }

    /// <summary>The line a user reads: the error line for a bad invocation, the failed target's line for a failure, or
    /// on success the first line holding the first expected words.</summary>
    static string? Line(HostileCase @case, string stdout, string stderr) => @case.ExitCode switch
    {
        2 => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
        1 => stdout.Split('\n').FirstOrDefault(l => l.Contains(" failed: ", StringComparison.Ordinal)),
        _ => stdout.Split('\n').FirstOrDefault(l => l.Contains(@case.Expect[0], StringComparison.Ordinal)),
    };
}
