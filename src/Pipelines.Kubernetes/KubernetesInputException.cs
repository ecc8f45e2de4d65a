using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>A value given to a wait is malformed: a workload that is not kind/namespace/name, a Flux object that is not namespace/name.</summary>
public sealed class KubernetesInputException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : PipelinesException(FailureKind.BadInput, input, problem, remedy);
