namespace Pipelines.GitOps;

/// <summary>GitHub refused the token or the token lacks a permission the pull request needs.</summary>
public sealed class GitHubAccessException(string problem, string remedy, Exception? inner = null)
    : GitOpsException("--github-token", problem, remedy, inner);
