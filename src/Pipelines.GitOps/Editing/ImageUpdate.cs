namespace Pipelines.GitOps;

/// <summary>What an edit writes and how it finds the fields to change.</summary>
/// <param name="Image">The new image reference.</param>
/// <param name="ImagePolicy">
/// A Flux image policy <c>namespace:name</c>. When set, only fields carrying a matching
/// <c># {"$imagepolicy": "namespace:name[:tag|:name|:digest]"}</c> marker change, exactly as Flux's
/// image-automation controller would set them; when null, every reference to the image's repository changes.
/// </param>
public sealed record ImageUpdate(ImageTarget Image, string? ImagePolicy = null)
{
    /// <summary>Whether a file's text mentions what this update looks for; files that do not are never parsed.</summary>
    public bool IsMentionedIn(string text)
    {
        if (ImagePolicy is not null)
            return text.Contains(ImagePolicy, StringComparison.Ordinal);
        var repository = Image.Repository;
        if (text.Contains(repository, StringComparison.Ordinal))
            return true;
        // Helm values may split the repository into image.registry and image.repository.
        for (var slash = repository.IndexOf('/'); slash > 0; slash = repository.IndexOf('/', slash + 1))
        {
            if (text.Contains(repository.AsSpan(slash + 1), StringComparison.Ordinal) &&
                text.Contains(repository.AsSpan(0, slash), StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
