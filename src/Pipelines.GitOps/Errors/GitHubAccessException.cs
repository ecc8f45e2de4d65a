using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>GitHub refused the token, the token lacks a permission the pull request needs, or there is no token.</summary>
public sealed class GitHubAccessException(FailureKind kind, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : GitOpsException(kind, GitOpsInputs.GitHubToken, problem, remedy, inner);
