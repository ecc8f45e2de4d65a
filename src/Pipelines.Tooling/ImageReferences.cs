using System.Text.RegularExpressions;

namespace Pipelines.Tooling;

/// <summary>
/// The OCI distribution reference grammar, as the docker CLI and registries parse it, for every library that takes image names:
/// an optional registry host (DNS labels, <c>localhost</c> or a bracketed IPv6 address, with an optional port), then lower-case
/// path components joined by '/', at most <see cref="MaxNameLength"/> characters in all; tags of at most 128 characters.
/// </summary>
public static partial class ImageReferences
{
    /// <summary>The longest repository name (registry host included).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Whether <paramref name="repository"/> is a repository name (no tag or digest); <paramref name="hasHost"/> says whether
    /// it starts with a registry host (a first segment with a '.' or a ':', or <c>localhost</c>, as the docker CLI decides).</summary>
    public static bool IsRepository(string repository, out bool hasHost)
    {
        var match = repository.Length <= MaxNameLength ? Name().Match(repository) : Match.Empty;
        hasHost = match.Success && match.Groups["host"].Success;
        return match.Success;
    }

    /// <summary>Whether <paramref name="tag"/> is a tag: word characters, '.' and '-', at most 128, not starting with '.' or '-'.</summary>
    public static bool IsTag(string tag) => Tag().IsMatch(tag);

    [GeneratedRegex(@"^(?:(?<host>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+|localhost|\[[0-9a-fA-F:]+\])(?::[0-9]+)?|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]+)/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();
}
