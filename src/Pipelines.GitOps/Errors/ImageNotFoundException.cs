using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The registry does not have the image the bump would write.</summary>
public sealed class ImageNotFoundException(string reference)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.ImageTag, $"'{reference}' was not found in the registry",
        $"push the image first, fix the {GitOpsInputs.ImageTag}, or turn {GitOpsInputs.VerifyImage} off");
