namespace Pipelines.GitOps;

/// <summary>Write <paramref name="Image"/> into the config repo.</summary>
/// <param name="Image">The validated image to write.</param>
public sealed record BumpRequest(ImageTarget Image) : ConfigChangeRequest
{
    /// <summary>Flux image policy <c>namespace:name</c>: set only fields marked for it.</summary>
    public string? ImagePolicy { get; init; }

    /// <summary>The app commit the image was built from (a trailer and the pull request body).</summary>
    public string? SourceCommit { get; init; }

    /// <summary>
    /// The committer time of <see cref="SourceCommit"/> (a trailer). With it, a bump never replaces an image that was built
    /// from a newer commit of the same <see cref="SourceBranch"/>: it ends <see cref="ChangeOutcome.Superseded"/> instead.
    /// </summary>
    public DateTimeOffset? SourceCommitTime { get; init; }

    /// <summary>The app branch the image was built from (a trailer); the ordering rule compares bumps of one branch only.</summary>
    public string? SourceBranch { get; init; }
}
