namespace Pipelines.GitOps;

/// <summary>The environment to promote from does not run exactly one reference of the image.</summary>
public sealed class PromotionSourceException(string environment, string repository, string problem)
    : GitOpsException("--from", $"environment '{environment}' {problem} for '{repository}'", "bump '{environment}' first or check --image-repository");
