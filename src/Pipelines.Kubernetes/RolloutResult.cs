namespace Pipelines.Kubernetes;

/// <summary>The observed rollout: what Flux applied and when each workload was done.</summary>
/// <param name="Image">The image rolled out.</param>
/// <param name="Flux">Flux's part, when Flux objects were given.</param>
/// <param name="Workloads">Every watched workload.</param>
/// <param name="Duration">The whole wait.</param>
public sealed record RolloutResult(ExpectedImage Image, FluxResult? Flux, IReadOnlyList<WorkloadResult> Workloads, TimeSpan Duration);
