namespace Pipelines.GitOps;

/// <summary>Copy the reference <paramref name="From"/> runs into <paramref name="To"/>.</summary>
/// <param name="ImageRepository">The image repository to promote.</param>
/// <param name="From">The environment whose reference is copied (e.g. <c>dev</c>).</param>
/// <param name="To">The environment that receives it (e.g. <c>prod</c>).</param>
public sealed record PromoteRequest(string ImageRepository, string From, string To)
{
    /// <summary>Overrides the target environment's push mode.</summary>
    public PushMode? PushMode { get; init; }

    /// <summary>Compute and return the diff without committing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Link to the build (a trailer).</summary>
    public string? BuildUrl { get; init; }

    /// <summary>How long the image must have passed a recorded verification in <see cref="From"/>; no gate when null.</summary>
    public TimeSpan? RequiredSoak { get; init; }

    /// <summary>Promote even when the gate of <see cref="RequiredSoak"/> is not met; the change says so.</summary>
    public bool ForceUnverified { get; init; }
}
