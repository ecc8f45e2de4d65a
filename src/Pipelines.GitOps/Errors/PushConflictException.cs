using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Pushes kept being rejected because other pushes landed first, and the bounded number of tries was used up.</summary>
public sealed class PushConflictException(string branch, int attempts)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.ConfigBranch, $"'{branch}' moved under every one of {attempts} push attempts",
        $"retry; if it persists, reduce concurrent changes to this branch");
