namespace Pipelines.Kubernetes;

/// <summary>How to reach the cluster, as kubectl decides it.</summary>
/// <param name="Kubeconfig">Explicit kubeconfig path; otherwise <c>KUBECONFIG</c> (several files joined by the path separator),
/// then <c>~/.kube/config</c>, then the in-cluster service account.</param>
/// <param name="Context">Kubeconfig context to use instead of <c>current-context</c>.</param>
public sealed record KubernetesConnectionOptions(string? Kubeconfig = null, string? Context = null);
