using System.Text.RegularExpressions;

namespace Pipelines.Containers.Building;

/// <summary>
/// The convention that lets a build choose a Dockerfile's base: <c>ARG BASE_IMAGE=&lt;default&gt;</c> before the first <c>FROM</c>,
/// and a <c>FROM ${BASE_IMAGE}</c>. Only such a base can be swapped for a mirror's or the offline one.
/// </summary>
public static partial class DockerfileBaseImage
{
    /// <summary>The name of the build argument.</summary>
    public const string Argument = "BASE_IMAGE";

    /// <summary>The default of <c>ARG BASE_IMAGE</c> when the Dockerfile follows the convention (an empty string when the
    /// argument has no default); null when it does not.</summary>
    public static string? DefaultOf(string dockerfileText)
    {
        string? declared = null;
        foreach (var line in dockerfileText.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()))
        {
            if (FromLine().Match(line) is { Success: true } from)
                return declared is not null && UsesArgument().IsMatch(from.Groups[1].Value) ? declared : null;
            if (ArgLine().Match(line) is { Success: true } arg)
                declared = arg.Groups[1].Success ? arg.Groups[1].Value.Trim('"', '\'') : "";
        }
        return null;
    }

    [GeneratedRegex(@"^ARG\s+BASE_IMAGE(?:=(\S*))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(?:--platform=\S+\s+)?(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^\$\{?BASE_IMAGE\}?$")]
    private static partial Regex UsesArgument();
}
