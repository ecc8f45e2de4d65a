using Pipelines.Planning;

namespace Pipelines.Hosts;

/// <summary>A developer terminal: plain text when redirected; Spectre.Console colour and a live status line otherwise.</summary>
internal sealed class TerminalHost(TextWriter runOutput, bool ansi, LiveStatusLine? status = null) : HostOutput(runOutput)
{
    // Spectre.Console is touched only when colour is wanted, so a redirected run never loads it.
    public override void TargetStarted(TextWriter output, PlannedTarget target)
    {
        if (ansi)
            ColourConsole.Header(output, target.Name);
        else
        {
            output.WriteLine();
            output.WriteLine($"═══ {target.Name} ═══");
        }
        status?.Start(target.Name);
    }

    public override void TargetFinished(TextWriter output, PlannedTarget target) => status?.Stop(target.Name);

    public override void TargetFailed(TextWriter output, PlannedTarget target, string message)
    {
        status?.Stop(target.Name);
        if (ansi)
            ColourConsole.Error(output, $"Target {target.Name} failed: {message}");
        else
            base.TargetFailed(output, target, message);
    }

    public override void Summary(IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded)
    {
        if (ansi)
            ColourConsole.Summary(Out, targets, total, succeeded);
        else
            base.Summary(targets, total, succeeded);
    }
}
