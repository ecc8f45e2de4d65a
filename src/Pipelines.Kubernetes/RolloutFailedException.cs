namespace Pipelines.Kubernetes;

/// <summary>kubectl's verdict is a failure, e.g. the Deployment exceeded its progress deadline.</summary>
public sealed class RolloutFailedException(string message, WorkloadState workload, IReadOnlyList<WorkloadState> workloads)
    : RolloutException(message, workloads)
{
    /// <summary>The failed workload.</summary>
    public WorkloadState Workload { get; } = workload;
}
