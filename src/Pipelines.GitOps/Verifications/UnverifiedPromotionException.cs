using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The source environment's image was not verified there for the required soak, and the promotion was not forced.</summary>
public sealed class UnverifiedPromotionException(string environment, string image, TimeSpan required, string shortfall)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.SourceEnvironment,
        $"{environment} runs {image}, which was not verified there for the {GitOpsInputs.RequiredSoak} of {required} ({shortfall})",
        $"verify it in {environment} with a soak of at least {required}, or promote anyway with the {GitOpsInputs.ForceUnverified}");
