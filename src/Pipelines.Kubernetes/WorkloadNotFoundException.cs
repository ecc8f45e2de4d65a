using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>A named workload does not exist, or no workload in the namespaces uses the image repository.</summary>
public sealed class WorkloadNotFoundException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : RolloutException(FailureKind.Failure, input, problem, remedy, []);
