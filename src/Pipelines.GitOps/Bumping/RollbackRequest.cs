namespace Pipelines.GitOps;

/// <summary>
/// Undo the newest bump of an image in an environment, or bump back to a named tag. <see cref="ConfigChangeRequest.ConfigPath"/>
/// and <see cref="ConfigChangeRequest.VerifyImage"/> apply to the bump back to <see cref="ToTag"/>.
/// </summary>
/// <param name="ImageRepository">The image repository whose bump is undone.</param>
public sealed record RollbackRequest(string ImageRepository) : ConfigChangeRequest
{
    /// <summary>The bump commit to revert; the newest bump of the image in the environment that is not reverted yet when null.</summary>
    public string? Commit { get; init; }

    /// <summary>Instead of reverting, bump back to this tag.</summary>
    public string? ToTag { get; init; }

    /// <summary>The digest of <see cref="ToTag"/>, needed where references are pinned by digest.</summary>
    public string? ToDigest { get; init; }
}
