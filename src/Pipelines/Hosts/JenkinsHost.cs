using Pipelines.Planning;

namespace Pipelines.Hosts;

/// <summary>Jenkins: plain ASCII section banners, no ANSI codes (the console log shows them raw).</summary>
internal sealed class JenkinsHost(TextWriter runOutput) : HostOutput(runOutput)
{
    public override void TargetStarted(TextWriter output, PlannedTarget target)
    {
        output.WriteLine();
        output.WriteLine($"========== {target.Name} ==========");
    }

    public override void TargetFinished(TextWriter output, PlannedTarget target) =>
        output.WriteLine($"---------- {target.Name}: {target.StatusText} ----------");

    // Jenkins consoles are not always UTF-8: the summary's rules are ASCII here.
    public override void Summary(IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded) =>
        SummaryTable.WritePlain(Out, targets, total, succeeded, '-');
}
