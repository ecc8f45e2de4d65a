namespace Pipelines.Kubernetes.Verifying;

/// <summary>What a verification saw: every check in order, and when the app first passed and how long it kept passing.</summary>
/// <param name="Target">What was asked, e.g. <c>service shop/web:http /version</c>.</param>
/// <param name="Passed">Whether the verification passed.</param>
/// <param name="Checks">Every check, in order.</param>
/// <param name="StartedAt">When the first check started.</param>
/// <param name="SoakStartedAt">When the first passing check started (the soak's start); null when none passed.</param>
/// <param name="SoakEndedAt">When the last passing check ended; null when none passed.</param>
/// <param name="RunningDigests">The image digests the watched pods run (from their container statuses), when known.</param>
/// <param name="Workloads">The workloads whose pods were watched, <c>kind/ns/name</c>.</param>
public sealed record VerificationResult(string Target, bool Passed, IReadOnlyList<VerificationCheck> Checks, DateTimeOffset StartedAt,
    DateTimeOffset? SoakStartedAt, DateTimeOffset? SoakEndedAt, IReadOnlyList<string> RunningDigests, IReadOnlyList<string> Workloads)
{
    /// <summary>How long the app kept passing: from the start of the first passing check to the end of the last.</summary>
    public TimeSpan Soaked => SoakStartedAt is { } start && SoakEndedAt is { } end ? end - start : TimeSpan.Zero;

    /// <summary>From the first check's start to the end of the first passing check set: the verification's own latency.</summary>
    public TimeSpan? FirstPassAfter { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Failure { get; init; }
}
