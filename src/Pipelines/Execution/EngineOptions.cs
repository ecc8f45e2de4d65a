namespace Pipelines.Execution;

/// <summary>The engine's own options; they bind only from the command line or <c>PIPELINES_</c> variables.</summary>
internal sealed class EngineOptions
{
    public CiHost? Host { get; set; }
    public List<string> Profiles { get; } = [];
    public List<string> Skip { get; } = [];
    public bool SkipAllNonInvoked { get; set; }
    public bool Plan { get; set; }
    public bool Help { get; set; }
    public bool Parallel { get; set; }
    public bool GenerateCi { get; set; }
    public bool GenerateSchema { get; set; }
    public string? Root { get; set; }

    /// <summary>Option name, kind and help text, in the order <c>--help</c> lists them.</summary>
    public static readonly IReadOnlyList<(string Name, OptionKind Kind, string Help)> All =
    [
        ("help", OptionKind.Flag, "Show targets and parameters"),
        ("plan", OptionKind.Flag, "Print the ordered plan and the dependency graph and check the required parameters, without running anything"),
        ("skip", OptionKind.OptionalList, "Skip the named targets, or with no names every target not named on the command line"),
        ("parallel", OptionKind.Flag, "Run independent targets at the same time (output is printed per target)"),
        ("host", OptionKind.Value, "Terminal|GitHubActions|Jenkins; detected from the environment when not given"),
        ("profile", OptionKind.List, "Also read .nuke/parameters.<profile>.json (above parameters.json)"),
        ("root", OptionKind.Value, "Repository root; by default the nearest directory with .nuke/"),
        ("generate-ci", OptionKind.Flag, "Write the CI files the build declares and .nuke/build.schema.json"),
        ("generate-schema", OptionKind.Flag, "Write .nuke/build.schema.json"),
    ];

    public void Apply(string name, IReadOnlyList<string> values, string source)
    {
        switch (name)
        {
            case "help": Help = Flag(name, values, source); break;
            case "plan": Plan = Flag(name, values, source); break;
            case "parallel": Parallel = Flag(name, values, source); break;
            case "generate-ci": GenerateCi = Flag(name, values, source); break;
            case "generate-schema": GenerateSchema = Flag(name, values, source); break;
            case "root": Root = values.Count > 0 ? values[^1] : null; break;
            case "profile":
                Profiles.Clear();
                Profiles.AddRange(values.SelectMany(Split));
                break;
            case "skip":
                Skip.Clear();
                Skip.AddRange(values.SelectMany(Split));
                SkipAllNonInvoked = Skip.Count == 0;
                break;
            case "host":
                var text = values.Count > 0 ? values[^1] : "";
                Host = Enum.GetValues<CiHost>().Cast<CiHost?>().FirstOrDefault(h =>
                    Parameters.ParameterNames.Normalize(h.ToString()!) == Parameters.ParameterNames.Normalize(text))
                    ?? throw new InvocationException($"invalid value '{text}' for --host (from {source}): allowed values are Terminal, GitHubActions, Jenkins");
                break;
        }
    }

    static IEnumerable<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static bool Flag(string name, IReadOnlyList<string> values, string source) => values.Count == 0 || (values[^1].ToLowerInvariant() switch
    {
        "true" or "1" or "" => true,
        "false" or "0" => false,
        _ => throw new InvocationException($"invalid value '{values[^1]}' for --{name} (from {source}): allowed values are true, false"),
    });
}

/// <summary>How an option consumes the words after it.</summary>
internal enum OptionKind
{
    /// <summary>A switch; takes an explicit true/false only.</summary>
    Flag,
    /// <summary>Exactly one value.</summary>
    Value,
    /// <summary>One or more values.</summary>
    List,
    /// <summary>Zero or more values.</summary>
    OptionalList,
}
