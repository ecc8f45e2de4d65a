using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>The timeout passed before every workload (and Flux object) was done; the message lists the current state of each.</summary>
public sealed class RolloutTimeoutException(ErrorTextBuilder problem, ErrorTextBuilder remedy, IReadOnlyList<WorkloadState> workloads)
    : RolloutException(FailureKind.Failure, null, problem, remedy, workloads)
{
    /// <summary>A timeout whose remedy is to raise the timeout, when the rollout is just slow.</summary>
    public RolloutTimeoutException(ErrorTextBuilder problem, IReadOnlyList<WorkloadState> workloads)
        : this(problem, $"raise the {KubernetesInputs.Timeout} if the rollout is just slow", workloads) { }
}
