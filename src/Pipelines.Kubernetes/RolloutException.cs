namespace Pipelines.Kubernetes;

/// <summary>Base of every way a wait for a rollout can fail; <see cref="Exception.Message"/> is one line for the user.</summary>
public abstract class RolloutException(string message, IReadOnlyList<WorkloadState> workloads, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The state of every watched workload when the wait ended.</summary>
    public IReadOnlyList<WorkloadState> Workloads { get; } = workloads;
}
