namespace Pipelines.Kubernetes;

/// <summary>A workload that finished rolling out.</summary>
/// <param name="Workload">Which workload.</param>
/// <param name="Duration">From the start of the wait until it was complete.</param>
/// <param name="Message">kubectl's closing message.</param>
public sealed record WorkloadResult(WorkloadReference Workload, TimeSpan Duration, string Message);
