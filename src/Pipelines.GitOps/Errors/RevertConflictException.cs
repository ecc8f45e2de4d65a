using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Reverting the bump commit conflicts with later changes to the same lines.</summary>
public sealed class RevertConflictException(string commit, string files)
    : GitOpsException(FailureKind.Failure, null, $"the rollback cannot revert {commit[..Math.Min(7, commit.Length)]}: later commits changed the same lines in {files}",
        $"roll back to a {GitOpsInputs.RollbackTag} instead");
