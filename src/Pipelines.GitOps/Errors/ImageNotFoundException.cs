namespace Pipelines.GitOps;

/// <summary>The registry does not have the image the bump would write.</summary>
public sealed class ImageNotFoundException(string reference)
    : GitOpsException("--image-tag", $"'{reference}' was not found in the registry", "push the image first, fix the tag, or pass --verify-image false");
