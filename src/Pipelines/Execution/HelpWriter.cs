using System.Globalization;
using Pipelines.Parameters;
using Pipelines.Planning;

namespace Pipelines.Execution;

/// <summary>Writes <c>--help</c>: targets with descriptions and dependencies, parameters with type, default and sources.</summary>
internal static class HelpWriter
{
    public static void Write(TextWriter output, BuildModel model)
    {
        output.WriteLine("Usage: ./build.sh [targets...] [--parameter value...]");
        output.WriteLine();
        output.WriteLine("Targets:");
        var listed = model.Targets.Where(t => !t.Definition.IsUnlisted).ToList();
        var width = listed.Select(t => t.Name.Length + (model.DefaultTargets.Contains(t.Name) ? 10 : 0)).DefaultIfEmpty().Max();
        foreach (var target in listed)
        {
            var name = model.DefaultTargets.Contains(target.Name) ? target.Name + " (default)" : target.Name;
            var line = $"  {name.PadRight(width)}  {target.Definition.DescriptionText}".TrimEnd();
            output.WriteLine(line);
            if (target.DependsOn.Count > 0)
                output.WriteLine($"  {"".PadRight(width)}    depends on: {string.Join(", ", target.DependsOn.Select(d => d.Name))}");
            if (target.Triggers.Count > 0)
                output.WriteLine($"  {"".PadRight(width)}    triggers: {string.Join(", ", target.Triggers.Select(d => d.Name))}");
        }

        output.WriteLine();
        output.WriteLine("Parameters:");
        if (model.Parameters.Count == 0)
            output.WriteLine("  (none)");
        foreach (var parameter in model.Parameters)
        {
            var d = parameter.Description;
            var flags = (d.IsRequired ? " (required)" : "") + (d.IsSecret ? " (secret)" : "");
            output.WriteLine($"  --{d.Name} <{ValueConverter.DisplayType(d.Type)}>{flags}  {d.Description}".TrimEnd());
            var defaultText = d.IsSecret ? null : Format(model.Defaults.GetValueOrDefault(d.Name));
            if (defaultText is not null)
                output.WriteLine($"      default: {defaultText}");
            var environment = d.ExplicitEnvironmentVariable is null ? d.EnvironmentVariable : $"{d.EnvironmentVariable} or {d.ExplicitEnvironmentVariable}";
            output.WriteLine($"      from: --{d.Name}, env {environment}, .nuke/parameters[.<profile>].json \"{d.MemberName}\"");
        }

        output.WriteLine();
        output.WriteLine("Engine options (command line or PIPELINES_<NAME>):");
        foreach (var (name, kind, help) in EngineOptions.All)
        {
            var value = kind switch { OptionKind.Value => " <value>", OptionKind.List => " <value>...", OptionKind.OptionalList => " [<target>...]", _ => "" };
            output.WriteLine($"  --{name}{value}".PadRight(34) + help);
        }
    }

    static string? Format(object? value) => value switch
    {
        null => null,
        string text when text.Length == 0 => null,
        string[] list => list.Length == 0 ? null : string.Join(",", list),
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
