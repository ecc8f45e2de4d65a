namespace Pipelines.Components;

/// <summary>The config-repo commit a CD target made: what WaitRollout waits for Flux to apply.</summary>
/// <param name="Repository">The config repo URL or path.</param>
/// <param name="Branch">The branch (or, in pull-request mode, the pull request's branch).</param>
/// <param name="Sha">The commit id; empty when nothing changed.</param>
/// <param name="Environment">The environment, when one was named.</param>
/// <param name="PullRequestUrl">The pull request, in pull-request mode (Flux applies the commit once it is merged).</param>
/// <param name="PushedAt">When the commit reached the config repo: where the bump-to-running time starts.</param>
public sealed record ConfigCommit(string Repository, string Branch, string Sha, string? Environment, string? PullRequestUrl = null,
    DateTimeOffset? PushedAt = null)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "config-commit";
}
