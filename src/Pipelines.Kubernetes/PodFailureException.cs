using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>A pod of the new revision cannot become ready (image pull, crash loop, config error, unschedulable): failed fast,
/// without waiting for the progress deadline.</summary>
public sealed class PodFailureException(ErrorTextBuilder problem, ErrorTextBuilder remedy, WorkloadReference workload, PodDiagnosis diagnosis,
    IReadOnlyList<WorkloadState> workloads) : RolloutException(FailureKind.Failure, null, problem, remedy, workloads)
{
    /// <summary>The workload the pod belongs to.</summary>
    public WorkloadReference Workload { get; } = workload;

    /// <summary>What is wrong with the pod.</summary>
    public PodDiagnosis Diagnosis { get; } = diagnosis;
}
