using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>A reference in the config repo is pinned by digest but no digest was given, so it cannot be updated without dropping the pin.</summary>
public sealed class DigestRequiredException(string file, long line, string reference)
    : GitOpsException(FailureKind.BadInput, GitOpsInputs.File(file, line), $"pins '{reference}' by digest but no {GitOpsInputs.ImageDigest} was given",
        $"give the {GitOpsInputs.ImageDigest} (sha256:…) of the pushed image");
