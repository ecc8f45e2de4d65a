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
    bool KubeconfigAvailable =>
        Kubeconfig is { Length: > 0 }
        || !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("KUBECONFIG"))
        || File.Exists(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".kube", "config"))
        || !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"));

    /// <summary>Opens the cluster connection these parameters describe; a bad kubeconfig or context exits 2 with one line.</summary>
    ClusterConnection OpenCluster() => OpenCluster(Kubeconfig, KubeContext);

    /// <summary>Opens a connection with this kubeconfig and context (null: kubectl's defaults); bad ones exit 2 with one line.</summary>
    ClusterConnection OpenCluster(string? kubeconfig, string? context)
    {
        try
        {
            return ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig, context));
        }
        catch (KubernetesConnectionException e)
        {
            throw new InvocationException(e.Message);
        }
    }
}
