namespace Pipelines.GitOps;

/// <summary>A pull request that was merged while it was waited for.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Url">Its web address.</param>
/// <param name="MergeCommit">The commit the merge made on the base branch (a merge, squash or rebased commit).</param>
/// <param name="Waited">How long the wait took.</param>
/// <param name="Polls">How many times its state was read.</param>
public sealed record MergedPullRequest(int Number, string Url, string MergeCommit, TimeSpan Waited, int Polls);
