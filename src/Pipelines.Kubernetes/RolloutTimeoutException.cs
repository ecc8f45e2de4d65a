namespace Pipelines.Kubernetes;

/// <summary>The timeout passed before every workload (and Flux object) was done; the message lists the current state of each.</summary>
public sealed class RolloutTimeoutException(string message, IReadOnlyList<WorkloadState> workloads) : RolloutException(message, workloads);
