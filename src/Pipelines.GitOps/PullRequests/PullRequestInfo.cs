namespace Pipelines.GitOps;

/// <summary>A pull request opened or updated for a config change.</summary>
/// <param name="Number">The pull request number.</param>
/// <param name="Url">Its web address.</param>
/// <param name="Reused">True when an open pull request for the same branch was updated instead of opening another.</param>
/// <param name="AutoMerge">How auto-merge went when it was asked for: <c>enabled</c> (GitHub merges once reviews and checks
/// pass), <c>merged</c> (nothing was pending, so it was merged at once), or why GitHub refused it; null when not asked.</param>
/// <param name="MergeCommit">The commit on the base branch when the pull request was merged at once; null otherwise.</param>
public sealed record PullRequestInfo(int Number, string Url, bool Reused, string? AutoMerge = null, string? MergeCommit = null);
