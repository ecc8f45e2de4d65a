namespace Pipelines.GitOps;

/// <summary>Undo the newest bump of an image in an environment, or bump back to a named tag.</summary>
/// <param name="ImageRepository">The image repository whose bump is undone.</param>
public sealed record RollbackRequest(string ImageRepository)
{
    /// <summary>The environment; null for bumps made without one.</summary>
    public string? Environment { get; init; }

    /// <summary>Folder override, as for a bump (used with <see cref="ToTag"/>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The bump commit to revert; the newest bump of the image in the environment that is not reverted yet when null.</summary>
    public string? Commit { get; init; }

    /// <summary>Instead of reverting, bump back to this tag.</summary>
    public string? ToTag { get; init; }

    /// <summary>The digest of <see cref="ToTag"/>, needed where references are pinned by digest.</summary>
    public string? ToDigest { get; init; }

    /// <summary>Overrides the environment's push mode.</summary>
    public PushMode? PushMode { get; init; }

    /// <summary>Compute and return the diff without committing.</summary>
    public bool DryRun { get; init; }

    /// <summary>With <see cref="ToTag"/>: ask the registry first.</summary>
    public bool VerifyImage { get; init; } = true;

    /// <summary>Link to the build (a trailer).</summary>
    public string? BuildUrl { get; init; }
}
