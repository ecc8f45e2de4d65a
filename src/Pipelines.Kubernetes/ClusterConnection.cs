using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using k8s;
using k8s.KubeConfigModels;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>An API client for one cluster, chosen and authenticated the way kubectl 1.32 does it (no credentials, token, token
/// file, client certificate, exec credential plugin such as <c>aws eks get-token</c>, or the in-cluster service account), with
/// every request bounded by the connection options' timeouts.</summary>
/// <param name="Client">The API client.</param>
/// <param name="Host">The API server address.</param>
/// <param name="Context">The kubeconfig context used, or <c>in-cluster</c>.</param>
/// <param name="DefaultNamespace">The context's namespace, or <c>default</c>.</param>
public sealed record ClusterConnection(IKubernetes Client, string Host, string Context, string DefaultNamespace)
{
    /// <summary>How requests authenticate, in words for a log line (e.g. <c>exec plugin aws</c>); never the credential itself.</summary>
    public string Authentication { get; init; } = "no credentials";

    /// <summary>Opens a connection: <c>--kubeconfig</c>, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else in-cluster. Nothing is
    /// sent yet: an exec credential plugin runs at the first request.</summary>
    /// <exception cref="KubernetesConnectionException">No usable configuration, or the context does not exist.</exception>
    /// <exception cref="KubernetesInputException">A bound of <paramref name="options"/> is not positive.</exception>
    public static ClusterConnection Open(KubernetesConnectionOptions options)
    {
        options.Validate();
        var files = ConfigFiles(options);
        return files.Length == 0 ? InCluster(options) : FromKubeconfig(files, options);
    }

    private static ClusterConnection FromKubeconfig(string[] files, KubernetesConnectionOptions options)
    {
        KubernetesClientConfiguration config;
        ClusterCredentials credentials;
        string context;
        try
        {
            var loaded = Merge(files.Select(KubeconfigClusters.Load).ToList());
            if (options.Context is { Length: > 0 } wanted && loaded.Contexts?.Any(c => c.Name == wanted) != true)
                throw new KubernetesConnectionException(KubernetesInputs.KubeContext, $"'{wanted}' is not in {string.Join(", ", files)}",
                    $"use one of {string.Join(", ", loaded.Contexts?.Select(c => c.Name) ?? [])}");
            var chosen = loaded.Contexts?.FirstOrDefault(c => c.Name == (options.Context is { Length: > 0 } c2 ? c2 : loaded.CurrentContext));
            var userName = chosen?.ContextDetails?.User;
            // The user's credentials are read here, as kubectl reads them; the client library knows neither tokenFile, nor a user
            // without credentials, nor a bounded exec plugin.
            if (chosen?.ContextDetails is { } details) details.User = null;
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(loaded, options.Context);
            context = config.CurrentContext ?? options.Context ?? "";
            // kubectl reads a user's credentials only for a TLS server: over plain HTTP it sends none.
            var user = userName is { Length: > 0 } && config.Host.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                ? KubeconfigUsers.Find(files, userName)
                : null;
            credentials = user is null ? ClusterCredentials.None
                : ClusterCredentials.For(user, options, ClusterInfo(loaded, chosen!, config));
        }
        catch (Exception e) when (e is not PipelinesException)
        {
            // KubeConfigException for bad content, YAML exceptions for a file that is not YAML at all.
            var reason = e.Message.ReplaceLineEndings(" ");
            throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"{string.Join(", ", files)} cannot be used: {reason}",
                $"fix it, or give another {KubernetesInputs.Kubeconfig}", e);
        }
        return Connect(config, credentials, context, options);
    }

    // kubectl's rest.InClusterConfig, with the run's KUBERNETES_SERVICE_HOST and PORT rather than the process's.
    private static ClusterConnection InCluster(KubernetesConnectionOptions options)
    {
        var host = options.Variable("KUBERNETES_SERVICE_HOST");
        var port = options.Variable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) && string.IsNullOrEmpty(port))
            throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"was not found",
                $"give a {KubernetesInputs.Kubeconfig}, set KUBECONFIG, create ~/.kube/config, or run in a pod with a service account");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubernetesConnectionException(KubernetesInputs.ServiceAccount,
                $"needs both KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, but only {(string.IsNullOrEmpty(host) ? "PORT" : "HOST")} is set",
                $"set both, or give a {KubernetesInputs.Kubeconfig}");
        var directory = options.ServiceAccountDirectory;
        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
            throw new KubernetesConnectionException(KubernetesInputs.ServiceAccount, $"has no token at {tokenPath} (KUBERNETES_SERVICE_HOST is set)",
                $"mount the pod's service account token (automountServiceAccountToken), or give a {KubernetesInputs.Kubeconfig}");
        if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
            throw new KubernetesConnectionException(KubernetesInputs.ServiceAccount, $"has KUBERNETES_SERVICE_PORT '{port}', which is not a port", $"set a port number");
        var caPath = Path.Combine(directory, "ca.crt");
        var namespacePath = Path.Combine(directory, "namespace");
        var config = new KubernetesClientConfiguration
        {
            Host = new UriBuilder("https", host.Trim('[', ']'), portNumber).Uri.ToString().TrimEnd('/'),
            Namespace = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : null,
        };
        // As kubectl: without a CA file the system's trust store decides.
        if (File.Exists(caPath))
        {
            try
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(caPath);
                config.SslCaCerts = authorities;
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new KubernetesConnectionException(KubernetesInputs.ServiceAccount, $"has a CA file {caPath} that is not PEM certificates", $"mount the service account's ca.crt", e);
            }
        }
        return Connect(config, ClusterCredentials.ServiceAccount(tokenPath, options.Secrets), "in-cluster", options);
    }

    private static ClusterConnection Connect(KubernetesClientConfiguration config, ClusterCredentials credentials, string context, KubernetesConnectionOptions options)
    {
        config.FirstMessageHandlerSetup = handler =>
        {
            handler.ConnectTimeout = options.ConnectTimeout;
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => credentials.CurrentCertificate!;
        };
        var client = new k8s.Kubernetes(config,
            new CredentialHandler(credentials),
            new TransientFailureRetryHandler(),
            new IdleTimeoutHandler(options.ConnectTimeout, options.RequestTimeout, options.WatchWindow));
        return new ClusterConnection(client, config.Host, context, config.Namespace ?? "default") { Authentication = credentials.Description };
    }

    // What an exec plugin with provideClusterInfo is told about the cluster (client.authentication.k8s.io Cluster).
    private static string? ClusterInfo(K8SConfiguration loaded, Context context, KubernetesClientConfiguration config)
    {
        var cluster = loaded.Clusters?.FirstOrDefault(c => c.Name == context.ContextDetails?.Cluster)?.ClusterEndpoint;
        if (cluster is null) return null;
        var info = new Dictionary<string, object?> { ["server"] = config.Host };
        if (!string.IsNullOrEmpty(cluster.CertificateAuthorityData)) info["certificate-authority-data"] = cluster.CertificateAuthorityData;
        if (cluster.SkipTlsVerify) info["insecure-skip-tls-verify"] = true;
        if (!string.IsNullOrEmpty(cluster.TlsServerName)) info["tls-server-name"] = cluster.TlsServerName;
        return JsonSerializer.Serialize(info);
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
