using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>How CD targets reach the cluster: kubectl's choice of kubeconfig and context.</summary>
public interface IKubernetesParameters : IPipelineBuild
{
    /// <summary>Kubeconfig path.</summary>
    [Parameter("Kubeconfig file; defaults to KUBECONFIG, then ~/.kube/config, then the pod's service account")]
    string? Kubeconfig => TryGetValue(() => Kubeconfig);

    /// <summary>Kubeconfig context.</summary>
    [Parameter("Kubeconfig context to use instead of its current-context")]
    string? KubeContext => TryGetValue(() => KubeContext);

    /// <summary>Whether kubectl would find a cluster: <c>--kubeconfig</c>, <c>KUBECONFIG</c>, <c>~/.kube/config</c> or an in-cluster service account.</summary>
    bool KubeconfigAvailable
    {
        get
        {
            var options = ConnectionOptions(Kubeconfig, KubeContext);
            return Kubeconfig is { Length: > 0 }
                || !string.IsNullOrEmpty(options.Variable("KUBECONFIG"))
                || (options.HomeKubeconfig is { } home && File.Exists(home))
                || !string.IsNullOrEmpty(options.Variable("KUBERNETES_SERVICE_HOST"));
        }
    }

    /// <summary>Opens the cluster connection these parameters describe.</summary>
    ClusterConnection OpenCluster() => ClusterConnection.Open(ConnectionOptions(Kubeconfig, KubeContext));

    /// <summary>The connection options for this kubeconfig and context (null: kubectl's defaults), read in this run's environment.</summary>
    KubernetesConnectionOptions ConnectionOptions(string? kubeconfig, string? context) =>
        new(kubeconfig is null ? null : Path.GetFullPath(kubeconfig, RootDirectory), context) { Environment = EnvironmentVariables };
}
