using System.Text;
using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Cancellation
{
    [Fact]
    public async Task Cancelling_stops_the_running_target_and_still_runs_assured_targets()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await Run.Build<CancelBuild>(["Next", "Cleanup"], ct: cancellation.Token,
            wrapOut: inner => new WatchingWriter(inner, "waiting for cancellation", () => cancellation.Cancel()));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Build", "Cleanup"], result.Ran);
        Assert.Matches(@"Build\s+Failed\s+\S+\s+cancelled", result.Out);
        Assert.Matches(@"Next\s+NotRun", result.Out);
        Assert.Matches(@"Cleanup\s+Succeeded", result.Out);
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_runs_only_assured_targets()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = await Run.Build<CancelBuild>(["Next", "Cleanup"], ct: cancellation.Token);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Cleanup"], result.Ran);
    }

    /// <summary>Passes text on and, when a line contains a marker, fires an action off the writing thread.</summary>
    sealed class WatchingWriter(TextWriter inner, string marker, Action action) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            inner.Write(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true)
                _ = Task.Run(action);
        }
    }
}
