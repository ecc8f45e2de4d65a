namespace Pipelines.Components;

/// <summary>What Promote did: the image the target environment now references, and how it got there.</summary>
/// <param name="From">The environment the image was copied from.</param>
/// <param name="To">The environment it was copied into.</param>
/// <param name="Image">The promoted image, <c>repository:tag</c> or with <c>@digest</c>.</param>
/// <param name="Commit">The config-repo commit, or null when the target already ran the image.</param>
/// <param name="PullRequestUrl">The pull request, when the target environment takes changes through one (applied once merged).</param>
/// <param name="PullRequestNumber">Its number, for a wait that follows it to its merge.</param>
public sealed record Promotion(string From, string To, string Image, string? Commit, string? PullRequestUrl, int? PullRequestNumber = null)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "promotion";
}
