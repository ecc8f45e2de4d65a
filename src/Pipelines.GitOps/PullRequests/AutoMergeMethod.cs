namespace Pipelines.GitOps;

/// <summary>How GitHub merges a pull request once auto-merge lets it (GraphQL's <c>PullRequestMergeMethod</c>).</summary>
public enum AutoMergeMethod
{
    /// <summary>A merge commit.</summary>
    Merge,

    /// <summary>One squashed commit.</summary>
    Squash,

    /// <summary>The commits rebased onto the base branch.</summary>
    Rebase,
}
