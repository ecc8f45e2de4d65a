using System.Text.RegularExpressions;

namespace Pipelines.GitOps;

/// <summary>
/// The image a bump writes: a validated repository, an immutable tag and, when known, the digest.
/// Construct with <see cref="Create"/> so every bump refuses the same bad inputs.
/// </summary>
public sealed partial class ImageTarget
{
    ImageTarget(ImageReference reference) => Reference = reference;

    /// <summary>The reference written into the config repo (digest included when known).</summary>
    public ImageReference Reference { get; }

    /// <summary>The repository, e.g. <c>registry/app</c>.</summary>
    public string Repository => Reference.Repository;

    /// <summary>The tag.</summary>
    public string Tag => Reference.Tag!;

    /// <summary>The digest, or null when not given.</summary>
    public string? Digest => Reference.Digest;

    /// <summary>Validates the parts and returns the target, or throws <see cref="InvalidImageException"/>.</summary>
    /// <param name="repository">Registry host and path; a tag or digest here is refused.</param>
    /// <param name="tag">An immutable tag; <c>latest</c> is refused.</param>
    /// <param name="digest">Optional <c>sha256:</c> digest (64 hex characters).</param>
    public static ImageTarget Create(string? repository, string? tag, string? digest = null)
    {
        if (string.IsNullOrWhiteSpace(repository))
            throw new InvalidImageException("--image-repository", "is empty", "pass the registry host and path, e.g. registry.example.com/app");
        if (!RepositoryPattern().IsMatch(repository))
            throw new InvalidImageException("--image-repository", $"'{repository}' is not a repository name (lowercase path, no tag or digest)", "pass only registry host and path, e.g. registry.example.com/app");
        if (string.IsNullOrWhiteSpace(tag))
            throw new InvalidImageException("--image-tag", "is empty", "pass the immutable tag of the pushed image, e.g. the commit's short SHA");
        if (tag == "latest")
            throw new InvalidImageException("--image-tag", "'latest' is refused: tags must be immutable", "pass a commit SHA");
        if (!TagPattern().IsMatch(tag))
            throw new InvalidImageException("--image-tag", $"'{tag}' is not a valid tag", "use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')");
        if (string.IsNullOrEmpty(digest))
            digest = null;
        else if (!DigestPattern().IsMatch(digest))
            throw new InvalidImageException("--image-digest", $"'{digest}' is not a digest", "pass sha256: followed by 64 lowercase hex characters");
        return new ImageTarget(new ImageReference(repository, tag, digest));
    }

    /// <summary><c>repository:tag[@digest]</c>.</summary>
    public override string ToString() => Reference.ToString();

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$|^[a-zA-Z0-9.-]+(:[0-9]+)?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)+$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();
}
