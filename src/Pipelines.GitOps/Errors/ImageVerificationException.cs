namespace Pipelines.GitOps;

/// <summary>The registry could not be asked whether the image exists (credentials, network).</summary>
public sealed class ImageVerificationException(string reference, string status)
    : GitOpsException("--verify-image", $"could not check '{reference}': the registry answered {status}", "log in to the registry, or pass --verify-image false");
