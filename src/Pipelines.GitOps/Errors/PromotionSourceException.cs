using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The environment to promote from does not run exactly one reference of the image.</summary>
public sealed class PromotionSourceException(string environment, string repository, string problem)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.SourceEnvironment, $"'{environment}' {problem} for '{repository}'",
        $"bump '{environment}' first or check the {GitOpsInputs.ImageRepository}");
