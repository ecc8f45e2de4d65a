namespace Pipelines.GitOps;

/// <summary>A commit GitHub made through its git-data API, and what GitHub says of its signature.</summary>
/// <param name="Sha">The commit's id on GitHub.</param>
/// <param name="Verified">Whether GitHub marks the commit verified (it signs commits it makes for an app with no custom author).</param>
/// <param name="Reason">GitHub's reason for the verification state, e.g. <c>valid</c> or <c>unsigned</c>.</param>
public sealed record GitHubCommit(string Sha, bool Verified, string? Reason);
