namespace Pipelines.GitOps;

/// <summary>Write <paramref name="Image"/> into the config repo.</summary>
/// <param name="Image">The validated image to write.</param>
public sealed record BumpRequest(ImageTarget Image)
{
    /// <summary>Environment name from the config repo's catalog; null to edit <see cref="ConfigPath"/> (or the whole repo).</summary>
    public string? Environment { get; init; }

    /// <summary>Folder to edit; overrides the environment's folder. Null for the environment's folder or the whole repo.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Overrides the environment's push mode; null for the environment's (or <see cref="GitOps.PushMode.Push"/>).</summary>
    public PushMode? PushMode { get; init; }

    /// <summary>Flux image policy <c>namespace:name</c>: set only fields marked for it.</summary>
    public string? ImagePolicy { get; init; }

    /// <summary>Compute and return the diff without committing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Ask the registry first and refuse a reference it does not have.</summary>
    public bool VerifyImage { get; init; } = true;

    /// <summary>The app commit the image was built from (a trailer and the pull request body).</summary>
    public string? SourceCommit { get; init; }

    /// <summary>
    /// The committer time of <see cref="SourceCommit"/> (a trailer). With it, a bump never replaces an image that was built
    /// from a newer commit of the same <see cref="SourceBranch"/>: it ends <see cref="ChangeOutcome.Superseded"/> instead.
    /// </summary>
    public DateTimeOffset? SourceCommitTime { get; init; }

    /// <summary>The app branch the image was built from (a trailer); the ordering rule compares bumps of one branch only.</summary>
    public string? SourceBranch { get; init; }

    /// <summary>Link to the build (a trailer).</summary>
    public string? BuildUrl { get; init; }
}
