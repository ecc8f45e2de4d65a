namespace Pipelines.GitOps;

/// <summary>The result of a bump, promotion or rollback.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Summary">One line for the build summary.</param>
/// <param name="Commit">The commit pushed (to the branch or the pull request's branch), or null.</param>
/// <param name="Files">The files that changed.</param>
/// <param name="Diff">The unified diff of the change (empty when nothing changed).</param>
/// <param name="PullRequest">The pull request, in pull-request mode.</param>
/// <param name="Attempts">How many push attempts it took.</param>
/// <param name="Environment">The environment changed, when one was named.</param>
public sealed record ConfigChange(
    ChangeOutcome Outcome,
    string Summary,
    string? Commit,
    IReadOnlyList<FileEdit> Files,
    string Diff,
    PullRequestInfo? PullRequest,
    int Attempts,
    DeploymentEnvironment? Environment)
{
    /// <summary>The branch the commit was pushed to: the config branch, or the pull request's branch.</summary>
    public string? Branch { get; init; }

    /// <summary>The image the environment references after the change: the image bumped to, or for a revert the image it
    /// restores; null when that is not one image.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>For a gated promotion, the verification it rested on or the forcing that overrode the gate; null otherwise.</summary>
    public PromotionEvidence? Verification { get; init; }

    /// <summary>Links in the edited folder that were left as they are (links are never read, entered or written
    /// through), relative to the config repo root; the summary names them too.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}
