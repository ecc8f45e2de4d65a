using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipelines.Containers.Building;

/// <summary>
/// Build arguments filled in from the commit when the Dockerfile declares them (<c>ARG NAME</c>) and the build does not set
/// them: <c>SOURCE_COMMIT</c> (full SHA), <c>IMAGE_TAG</c> (the tag being built) and <c>SOURCE_DATE_EPOCH</c> (the commit time, the
/// reproducible-builds convention). Undeclared ones are not passed, so docker never warns about unused arguments.
/// </summary>
public static partial class WellKnownBuildArgs
{
    /// <summary>The well-known arguments <paramref name="dockerfileText"/> declares and <paramref name="given"/> lacks, with their values.</summary>
    public static IReadOnlyDictionary<string, string> For(string dockerfileText, IReadOnlyDictionary<string, string> given, GitRevision revision, string tag)
    {
        var declared = ArgLine().Matches(dockerfileText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SOURCE_COMMIT"] = revision.Sha,
            ["IMAGE_TAG"] = tag,
            ["SOURCE_DATE_EPOCH"] = revision.CommitTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        return values.Where(v => declared.Contains(v.Key) && !given.ContainsKey(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^[ \t]*ARG[ \t]+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();
}
