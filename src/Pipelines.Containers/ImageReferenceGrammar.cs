using System.Text.RegularExpressions;

namespace Pipelines.Containers;

/// <summary>
/// The OCI distribution reference grammar (as the docker CLI and registries parse it): a registry host with optional port,
/// then lower-case path components separated by '/', at most 255 characters in all; tags of at most 128 word characters,
/// dots and dashes; digests <c>algorithm:hex</c>. Checked before any call, so a malformed name never reaches a registry.
/// </summary>
public static partial class ImageReferenceGrammar
{
    /// <summary>The longest repository name (registry host included).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Throws a one-line <see cref="ContainerInputException"/> naming <paramref name="input"/> unless <paramref name="repository"/>
    /// is a repository name (no tag or digest); <paramref name="requireHost"/> also demands a registry host.</summary>
    public static void EnsureRepository(Tooling.Input input, string repository, bool requireHost)
    {
        if (repository.Length == 0)
            throw new ContainerInputException(input, $"is empty", $"pass a registry host and path, e.g. registry.example.com/team/app");
        if (repository.Length > MaxNameLength)
            throw new ContainerInputException(input, $"is {repository.Length} characters long, more than the {MaxNameLength} a registry accepts", $"pass a shorter name");
        var match = Name().Match(repository);
        if (!match.Success)
            throw new ContainerInputException(input, $"'{repository}' is not a repository name", $"use lower-case path components of letters, digits and '.', '_', '-', after an optional host[:port]/, with no tag or digest");
        if (requireHost && !match.Groups["host"].Success)
            throw new ContainerInputException(input, $"'{repository}' has no registry host", $"use host/path, e.g. 127.0.0.1:5000/app");
    }

    /// <summary>Throws unless <paramref name="reference"/> is <c>name[:tag][@digest]</c> by the grammar.</summary>
    public static void EnsureReference(Tooling.Input input, string reference)
    {
        var at = reference.IndexOf('@');
        var name = at < 0 ? reference : reference[..at];
        if (at >= 0 && !Digest().IsMatch(reference[(at + 1)..]))
            throw new ContainerInputException(input, $"'{reference}' has a malformed digest", $"use sha256: and 64 lower-case hex digits");
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            if (!Tag().IsMatch(name[(colon + 1)..]))
                throw new ContainerInputException(input, $"'{reference}' has a malformed tag", $"use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')");
            name = name[..colon];
        }
        EnsureRepository(input, name, requireHost: false);
    }

    // host: dot-separated DNS labels (or localhost, or a bracketed IPv6 address) with an optional port; it is a host only when it
    // has a '.', a ':' or is localhost, as the docker CLI decides.
    [GeneratedRegex(@"^(?:(?<host>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+|localhost|\[[0-9a-fA-F:]+\])(?::[0-9]+)?|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]+)/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$")]
    private static partial Regex Digest();
}
