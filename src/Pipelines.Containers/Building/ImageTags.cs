using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>The tag rules: tags are immutable, so <c>latest</c> is refused and a tag must follow the OCI grammar.</summary>
public static class ImageTags
{
    /// <summary>Throws <see cref="ContainerInputException"/> when <paramref name="tag"/> is <c>latest</c> or not a valid tag.</summary>
    public static void EnsureImmutable(string tag)
    {
        if (string.Equals(tag, "latest", StringComparison.OrdinalIgnoreCase))
            throw new ContainerInputException(ContainerInputs.ImageTag, $"'latest' is refused: tags must be immutable", $"pass a commit SHA (or ask for the {ContainerInputs.AlsoTagLatest} when pushing)");
        if (!ImageReferences.IsTag(tag))
            throw new ContainerInputException(ContainerInputs.ImageTag, $"'{tag}' is not a valid tag", $"use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')");
    }
}
