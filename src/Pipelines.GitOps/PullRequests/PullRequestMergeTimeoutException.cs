using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The pull request was still open when the wait's bound passed.</summary>
public sealed class PullRequestMergeTimeoutException(string url, TimeSpan bound, string state)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.PullRequest, $"{url} was not merged within {bound} ({state})",
        $"merge it (then run the wait again), or raise the {GitOpsInputs.MergeTimeout}");
