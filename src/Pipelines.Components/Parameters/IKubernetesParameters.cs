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

    /// <summary>Bound on connecting to the API server.</summary>
    [Parameter("How long the Kubernetes API server may take to accept a connection, TLS handshake included, e.g. 00:00:10")]
    TimeSpan KubeConnectTimeout => TryGetValue(() => KubeConnectTimeout) ?? TimeSpan.FromSeconds(10);

    /// <summary>Bound on the API server's answers.</summary>
    [Parameter("How long the Kubernetes API server may take to start answering a request, or stay silent in the middle of an answer, e.g. 00:00:30")]
    TimeSpan KubeRequestTimeout => TryGetValue(() => KubeRequestTimeout) ?? TimeSpan.FromSeconds(30);

    /// <summary>Bound on a kubeconfig exec credential plugin.</summary>
    [Parameter("How long a kubeconfig exec credential plugin (e.g. aws eks get-token) may run before it is stopped with its child processes, e.g. 00:01:00")]
    TimeSpan KubeExecTimeout => TryGetValue(() => KubeExecTimeout) ?? TimeSpan.FromMinutes(1);

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

    /// <summary>The connection options for this kubeconfig and context (null: kubectl's defaults), read in this run's environment,
    /// with this run's bounds, every credential read registered with the run's masker.</summary>
    KubernetesConnectionOptions ConnectionOptions(string? kubeconfig, string? context) =>
        new(kubeconfig is null ? null : Path.GetFullPath(kubeconfig, RootDirectory), context)
        {
            Environment = EnvironmentVariables,
            ConnectTimeout = KubeConnectTimeout,
            RequestTimeout = KubeRequestTimeout,
            ExecTimeout = KubeExecTimeout,
            Secrets = Secrets,
        };
}
