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

    /// <summary>Validates the parts and returns the target, or throws <see cref="InvalidInputException"/>.</summary>
    /// <param name="repository">Registry host and path; a tag or digest here is refused.</param>
    /// <param name="tag">An immutable tag; <c>latest</c> is refused.</param>
    /// <param name="digest">Optional <c>sha256:</c> digest (64 hex characters).</param>
    /// <param name="tagInput">Which input gave the tag, for the failure; the image tag when null.</param>
    /// <param name="digestInput">Which input gave the digest, for the failure; the image digest when null.</param>
    public static ImageTarget Create(string? repository, string? tag, string? digest = null, Tooling.Input? tagInput = null, Tooling.Input? digestInput = null)
    {
        tagInput ??= GitOpsInputs.ImageTag;
        digestInput ??= GitOpsInputs.ImageDigest;
        if (string.IsNullOrWhiteSpace(repository))
            throw new InvalidInputException(GitOpsInputs.ImageRepository, $"is empty", $"pass the registry host and path, e.g. registry.example.com/app");
        if (repository.Length > MaxRepositoryLength)
            throw new InvalidInputException(GitOpsInputs.ImageRepository, $"is {repository.Length} characters long, more than the {MaxRepositoryLength} a registry accepts",
                $"pass a shorter registry host and path");
        if (!Tooling.ImageReferences.IsRepository(repository, out _))
            throw new InvalidInputException(GitOpsInputs.ImageRepository, $"'{repository}' is not a repository name (lowercase path, no tag or digest)", $"pass only registry host and path, e.g. registry.example.com/app");
        if (string.IsNullOrWhiteSpace(tag))
            throw new InvalidInputException(tagInput, $"is empty", $"pass the immutable tag of the pushed image, e.g. the commit's short SHA");
        if (tag == "latest")
            throw new InvalidInputException(tagInput, $"'latest' is refused: tags must be immutable", $"pass a commit SHA");
        if (!Tooling.ImageReferences.IsTag(tag))
            throw new InvalidInputException(tagInput, $"'{tag}' is not a valid tag", $"use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')");
        if (string.IsNullOrEmpty(digest))
            digest = null;
        else if (!DigestPattern().IsMatch(digest))
            throw new InvalidInputException(digestInput, $"'{digest}' is not a digest", $"pass sha256: followed by 64 lowercase hex characters");
        return new ImageTarget(new ImageReference(repository, tag, digest));
    }

    /// <summary><c>repository:tag[@digest]</c>.</summary>
    public override string ToString() => Reference.ToString();

    /// <summary>The longest repository name (registry host included) the distribution reference grammar allows.</summary>
    public const int MaxRepositoryLength = Tooling.ImageReferences.MaxNameLength;

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();
}
