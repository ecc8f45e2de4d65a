using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The pull request a promotion waits for was closed without being merged: the promotion will not be applied.</summary>
public sealed class PullRequestClosedException(string url)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.PullRequest, $"{url} was closed without being merged, so the promotion will not be applied",
        $"reopen and merge it, or promote again");
