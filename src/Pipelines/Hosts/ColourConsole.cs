using Pipelines.Planning;
using Spectre.Console;

namespace Pipelines.Hosts;

/// <summary>Colour output through Spectre.Console, writing to a (redacted) writer.</summary>
internal static class ColourConsole
{
    static IAnsiConsole For(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Standard,
        Out = new AnsiConsoleOutput(output),
        Interactive = InteractionSupport.No,
    });

    public static void Header(TextWriter output, string name)
    {
        var console = For(output);
        console.WriteLine();
        console.Write(new Rule($"[bold cyan]{Markup.Escape(name)}[/]") { Justification = Justify.Left });
    }

    public static void Error(TextWriter output, string message) => For(output).MarkupLine($"[red]{Markup.Escape(message)}[/]");

    public static void Summary(TextWriter output, IReadOnlyList<PlannedTarget> targets, TimeSpan total, bool succeeded)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Notes");
        foreach (var t in targets)
        {
            var colour = t.Status switch
            {
                TargetStatus.Succeeded => "green",
                TargetStatus.Failed => "red",
                TargetStatus.Skipped or TargetStatus.NotRun => "yellow",
                _ => "grey",
            };
            var duration = HostOutput.FormatDuration(t.Status is TargetStatus.Skipped or TargetStatus.NotRun ? null : t.Duration);
            table.AddRow(Markup.Escape(t.Name), $"[{colour}]{Markup.Escape(t.StatusText)}[/]", duration, Markup.Escape(string.Join("; ", t.Notes)));
        }
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", "", HostOutput.FormatDuration(total), "");
        var console = For(output);
        console.WriteLine();
        console.Write(table);
        console.MarkupLine(succeeded ? "[bold green]Build succeeded.[/]" : "[bold red]Build failed.[/]");
    }
}
