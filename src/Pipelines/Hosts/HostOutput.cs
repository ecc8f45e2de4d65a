using Pipelines.Planning;

namespace Pipelines.Hosts;

/// <summary>How a CI host shows the run: target sections, failures, warnings and the summary.</summary>
/// <param name="output">Standard output, already redacted.</param>
internal abstract class HostOutput(TextWriter output)
{
    protected TextWriter Out { get; } = output;

    /// <summary>Called once before anything runs, with every secret value known.</summary>
    public virtual void BuildStarted(IReadOnlyList<string> secrets) { }

    // Target-level events take the writer of that target: the run's output, or the target's buffer under --parallel.
    public abstract void TargetStarted(TextWriter output, PlannedTarget target);

    public abstract void TargetFinished(TextWriter output, PlannedTarget target);

    public virtual void TargetSkipped(TextWriter output, PlannedTarget target) => output.WriteLine($"Skipping {target.Name}: {target.Reason}");

    public virtual void TargetFailed(TextWriter output, PlannedTarget target, string message) => output.WriteLine($"Target {target.Name} failed: {message}");

    public virtual void Warning(string message) => Out.WriteLine($"warning: {message}");

    public virtual void Summary(IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded) =>
        SummaryTable.WritePlain(Out, targets, total, succeeded);

    /// <summary>Durations shown as minutes:seconds.milliseconds, fixed width so columns line up.</summary>
    public static string FormatDuration(TimeSpan? duration) => duration is { } d
        ? $"{(int)d.TotalMinutes:00}:{d.Seconds:00}.{d.Milliseconds:000}"
        : "";
}
