namespace Pipelines.Kubernetes;

/// <summary>A named workload does not exist, or no workload in the namespaces uses the image repository.</summary>
public sealed class WorkloadNotFoundException(string message) : RolloutException(message, []);
