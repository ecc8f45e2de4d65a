using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>The kubeconfig cannot be found or used, or names no such context.</summary>
public sealed class KubernetesConnectionException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : PipelinesException(FailureKind.BadInput, input, problem, remedy, inner);
