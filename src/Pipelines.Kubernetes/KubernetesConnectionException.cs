namespace Pipelines.Kubernetes;

/// <summary>The cluster cannot be reached or the kubeconfig cannot be used; the message says which input and what to do.</summary>
public sealed class KubernetesConnectionException(string message, Exception? inner = null) : Exception(message, inner);
