using k8s;
using k8s.KubeConfigModels;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>An API client for one cluster, chosen the way kubectl chooses it (exec credential plugins such as
/// <c>aws eks get-token</c> included).</summary>
/// <param name="Client">The API client.</param>
/// <param name="Host">The API server address.</param>
/// <param name="Context">The kubeconfig context used, or <c>in-cluster</c>.</param>
/// <param name="DefaultNamespace">The context's namespace, or <c>default</c>.</param>
public sealed record ClusterConnection(IKubernetes Client, string Host, string Context, string DefaultNamespace)
{
    /// <summary>Opens a connection: <c>--kubeconfig</c>, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else in-cluster.</summary>
    /// <exception cref="KubernetesConnectionException">No usable configuration, or the context does not exist.</exception>
    public static ClusterConnection Open(KubernetesConnectionOptions options)
    {
        var files = ConfigFiles(options);
        KubernetesClientConfiguration config;
        string context;
        if (files.Length == 0)
        {
            if (!KubernetesClientConfiguration.IsInCluster())
                throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"was not found",
                    $"give a {KubernetesInputs.Kubeconfig}, set KUBECONFIG, create ~/.kube/config, or run in a pod with a service account");
            config = KubernetesClientConfiguration.InClusterConfig();
            context = "in-cluster";
        }
        else
        {
            try
            {
                var loaded = Merge(files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f), useRelativePaths: true)).ToList());
                if (options.Context is { Length: > 0 } wanted && loaded.Contexts?.Any(c => c.Name == wanted) != true)
                    throw new KubernetesConnectionException(KubernetesInputs.KubeContext, $"'{wanted}' is not in {string.Join(", ", files)}",
                        $"use one of {string.Join(", ", loaded.Contexts?.Select(c => c.Name) ?? [])}");
                config = KubernetesClientConfiguration.BuildConfigFromConfigObject(loaded, options.Context);
                context = config.CurrentContext ?? options.Context ?? "";
            }
            catch (Exception e) when (e is not KubernetesConnectionException)
            {
                // KubeConfigException for bad content, YAML exceptions for a file that is not YAML at all.
                var reason = e.Message.ReplaceLineEndings(" ");
                throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"{string.Join(", ", files)} cannot be used: {reason}",
                    $"fix it, or give another {KubernetesInputs.Kubeconfig}", e);
            }
        }
        return new ClusterConnection(new k8s.Kubernetes(config, new TransientFailureRetryHandler()), config.Host, context, config.Namespace ?? "default");
    }

    // As kubectl merges KUBECONFIG files: the first file that sets a value (or defines a name) wins.
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        if (configs.Count == 1) return configs[0];
        var merged = configs[0];
        merged.CurrentContext = configs.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c));
        merged.Contexts = configs.SelectMany(c => c.Contexts ?? []).DistinctBy(c => c.Name).ToList();
        merged.Clusters = configs.SelectMany(c => c.Clusters ?? []).DistinctBy(c => c.Name).ToList();
        merged.Users = configs.SelectMany(c => c.Users ?? []).DistinctBy(c => c.Name).ToList();
        return merged;
    }

    private static string[] ConfigFiles(KubernetesConnectionOptions options)
    {
        if (options.Kubeconfig is { Length: > 0 } explicitPath)
            return File.Exists(explicitPath)
                ? [explicitPath]
                : throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"'{explicitPath}' does not exist", $"give the path of a kubeconfig file");
        var fromEnvironment = options.Variable("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            // kubectl ignores listed files that do not exist, but fails when none does.
            var existing = fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).ToArray();
            return existing.Length > 0
                ? existing
                : throw new KubernetesConnectionException(Input.Named("KUBECONFIG"), $"'{fromEnvironment}' names no existing file",
                    $"fix KUBECONFIG, or give a {KubernetesInputs.Kubeconfig}");
        }
        var home = options.HomeKubeconfig;
        return home is not null && File.Exists(home) ? [home] : [];
    }
}
