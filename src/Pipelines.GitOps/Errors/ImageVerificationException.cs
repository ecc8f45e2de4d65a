using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The registry could not be asked whether the image exists (credentials, network).</summary>
public sealed class ImageVerificationException(string reference, string problem, Exception? inner = null)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.VerifyImage, $"could not check '{reference}': {problem}",
        $"log in to the registry, or turn {GitOpsInputs.VerifyImage} off", inner);
