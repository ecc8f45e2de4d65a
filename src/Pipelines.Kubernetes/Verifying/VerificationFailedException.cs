using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>The app failed a check (or never passed one within the grace period), a container restarted, or a pod lost its
/// readiness during the soak. <see cref="Result"/> holds every check, so the failure can be recorded too.</summary>
public sealed class VerificationFailedException(ErrorTextBuilder problem, ErrorTextBuilder remedy, VerificationResult result)
    : PipelinesException(FailureKind.Failure, null, problem, remedy)
{
    /// <summary>What the verification saw up to the failure.</summary>
    public VerificationResult Result { get; } = result;

    /// <summary>Whether the app itself failed (its answer, its metrics, its pods), rather than the way to it: an API server
    /// that refused or did not answer, a Prometheus server that did not, or a run past its bound. Only the app's own failure
    /// is reason to revert its deployment.</summary>
    public bool AppAtFault { get; init; } = true;
}
