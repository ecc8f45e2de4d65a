namespace Pipelines.GitOps;

/// <summary>Pushes kept being rejected because other pushes landed first, and the bounded number of tries was used up.</summary>
public sealed class PushConflictException(string branch, int attempts)
    : GitOpsException("--config-branch", $"'{branch}' moved under every one of {attempts} push attempts", "retry the target; if it persists, reduce concurrent bumps to this branch");
