namespace Pipelines.Execution;

/// <summary>The command line split into target names and options with their values.</summary>
internal sealed class ParsedArguments
{
    public List<string> Targets { get; } = [];

    /// <summary>Options by canonical name (as declared, kebab case), with the spelling used and the values.</summary>
    public Dictionary<string, (string Spelling, List<string> Values)> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>Everything after <c>--</c>, untouched.</summary>
    public List<string> Forwarded { get; } = [];
}
