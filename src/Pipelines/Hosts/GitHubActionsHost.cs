using Pipelines.Planning;

namespace Pipelines.Hosts;

/// <summary>GitHub Actions: a log group per target, error annotations, masks for secrets and a Markdown step summary.</summary>
/// <param name="runOutput">Redacted standard output.</param>
/// <param name="rawOutput">Unredacted output, used only for <c>::add-mask::</c> (the runner hides those lines itself).</param>
/// <param name="stepSummaryPath">The file <c>$GITHUB_STEP_SUMMARY</c> names, if any.</param>
/// <param name="redact">The run's redaction, applied to the step summary.</param>
internal sealed class GitHubActionsHost(TextWriter runOutput, TextWriter rawOutput, string? stepSummaryPath, Func<string, string> redact)
    : HostOutput(runOutput)
{
    public override void BuildStarted(IReadOnlyList<string> secrets)
    {
        Out.Flush();
        foreach (var secret in secrets)
        {
            foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                rawOutput.WriteLine($"::add-mask::{line}");
        }
        rawOutput.Flush();
    }

    public override void TargetStarted(TextWriter output, PlannedTarget target) => output.WriteLine($"::group::{target.Name}");

    public override void TargetFinished(TextWriter output, PlannedTarget target) => output.WriteLine("::endgroup::");

    public override void TargetFailed(TextWriter output, PlannedTarget target, string message)
    {
        base.TargetFailed(output, target, message);
        output.WriteLine($"::error title={EscapeProperty(target.Name + " failed")}::{EscapeData(message)}");
    }

    public override void Warning(string message) => Out.WriteLine($"::warning::{EscapeData(message)}");

    public override void Summary(IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded)
    {
        base.Summary(targets, total, succeeded);
        if (string.IsNullOrEmpty(stepSummaryPath))
            return;
        File.AppendAllText(stepSummaryPath, redact(SummaryTable.Markdown(targets, total, succeeded)));
    }

    // Workflow command data escapes as the runner expects.
    static string EscapeData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    static string EscapeProperty(string text) => EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");
}
