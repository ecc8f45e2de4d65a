using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>kubectl's verdict is a failure, e.g. the Deployment exceeded its progress deadline.</summary>
public sealed class RolloutFailedException(ErrorTextBuilder problem, ErrorTextBuilder remedy, WorkloadState workload, IReadOnlyList<WorkloadState> workloads)
    : RolloutException(FailureKind.Failure, null, problem, remedy, workloads)
{
    /// <summary>The failed workload.</summary>
    public WorkloadState Workload { get; } = workload;
}
