using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>Base of every way a wait for a rollout can fail; the message is one line for the user.</summary>
public abstract class RolloutException(FailureKind kind, Input? input, ErrorTextBuilder problem, ErrorTextBuilder remedy, IReadOnlyList<WorkloadState> workloads,
    Exception? inner = null) : PipelinesException(kind, input, problem, remedy, inner)
{
    /// <summary>The state of every watched workload when the wait ended.</summary>
    public IReadOnlyList<WorkloadState> Workloads { get; } = workloads;
}
