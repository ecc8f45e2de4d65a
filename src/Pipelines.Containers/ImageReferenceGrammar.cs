using Pipelines.Tooling;
using System.Text.RegularExpressions;

namespace Pipelines.Containers;

/// <summary>
/// Image names checked against the OCI distribution reference grammar (<see cref="ImageReferences"/>) before any call, so a
/// malformed name never reaches a registry; digests are <c>algorithm:hex</c>. Failures name the input that gave the name.
/// </summary>
public static partial class ImageReferenceGrammar
{
    /// <summary>The longest repository name (registry host included).</summary>
    public const int MaxNameLength = ImageReferences.MaxNameLength;

    /// <summary>Throws a one-line <see cref="ContainerInputException"/> naming <paramref name="input"/> unless <paramref name="repository"/>
    /// is a repository name (no tag or digest); <paramref name="requireHost"/> also demands a registry host.</summary>
    public static void EnsureRepository(Tooling.Input input, string repository, bool requireHost)
    {
        if (repository.Length == 0)
            throw new ContainerInputException(input, $"is empty", $"pass a registry host and path, e.g. registry.example.com/team/app");
        if (repository.Length > MaxNameLength)
            throw new ContainerInputException(input, $"is {repository.Length} characters long, more than the {MaxNameLength} a registry accepts", $"pass a shorter name");
        if (!ImageReferences.IsRepository(repository, out var hasHost))
            throw new ContainerInputException(input, $"'{repository}' is not a repository name", $"use lower-case path components of letters, digits and '.', '_', '-', after an optional host[:port]/, with no tag or digest");
        if (requireHost && !hasHost)
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
            if (!ImageReferences.IsTag(name[(colon + 1)..]))
                throw new ContainerInputException(input, $"'{reference}' has a malformed tag", $"use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')");
            name = name[..colon];
        }
        EnsureRepository(input, name, requireHost: false);
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$")]
    private static partial Regex Digest();
}
