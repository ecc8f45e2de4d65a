using System.Text;
using Pipelines.Planning;

namespace Pipelines.Hosts;

/// <summary>The end-of-run summary as plain text (terminal without colour, Jenkins) or Markdown (GitHub step summary).</summary>
internal static class SummaryTable
{
    public static void WritePlain(TextWriter output, IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded, char ruleCharacter = '─')
    {
        var rows = targets.Select(t => (t.Name, t.StatusText, Duration: HostOutput.FormatDuration(t.Status is TargetStatus.Skipped or TargetStatus.NotRun ? null : t.Duration),
            Notes: string.Join("; ", t.Notes))).ToList();
        var nameWidth = Math.Max("Target".Length, rows.Select(r => r.Name.Length).DefaultIfEmpty().Max());
        var statusWidth = Math.Max("Status".Length, rows.Select(r => r.StatusText.Length).DefaultIfEmpty().Max());
        const int durationWidth = 9;
        var rule = new string(ruleCharacter, nameWidth + statusWidth + durationWidth + 6 + 5);

        output.WriteLine();
        output.WriteLine(rule);
        output.WriteLine(Line("Target", "Status", "Duration", "Notes"));
        output.WriteLine(rule);
        foreach (var row in rows)
            output.WriteLine(Line(row.Name, row.StatusText, row.Duration, row.Notes));
        output.WriteLine(rule);
        output.WriteLine(Line("Total", "", HostOutput.FormatDuration(total), ""));
        output.WriteLine(rule);
        output.WriteLine(succeeded ? "Build succeeded." : "Build failed.");

        string Line(string name, string status, string duration, string notes) =>
            $"{name.PadRight(nameWidth)}   {status.PadRight(statusWidth)}   {duration.PadLeft(durationWidth)}   {notes}".TrimEnd();
    }

    public static string Markdown(IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded)
    {
        var text = new StringBuilder();
        text.Append("### ").Append(succeeded ? "Build succeeded" : "Build failed").Append("\n\n");
        text.Append("| Target | Status | Duration | Notes |\n| --- | --- | --- | --- |\n");
        foreach (var t in targets)
        {
            var duration = HostOutput.FormatDuration(t.Status is TargetStatus.Skipped or TargetStatus.NotRun ? null : t.Duration);
            text.Append($"| {Cell(t.Name)} | {Cell(t.StatusText)} | {duration} | {Cell(string.Join("; ", t.Notes))} |\n");
        }
        text.Append($"| **Total** | | {HostOutput.FormatDuration(total)} | |\n");
        return text.ToString();
    }

    static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
