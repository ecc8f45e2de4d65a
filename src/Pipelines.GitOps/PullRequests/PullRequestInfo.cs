namespace Pipelines.GitOps;

/// <summary>A pull request opened or updated for a config change.</summary>
/// <param name="Number">The pull request number.</param>
/// <param name="Url">Its web address.</param>
/// <param name="Reused">True when an open pull request for the same branch was updated instead of opening another.</param>
public sealed record PullRequestInfo(int Number, string Url, bool Reused);
