using Pipelines.Tooling;

namespace Pipelines.Testing.Kubernetes;

/// <summary>The real kubectl, pointed at a stand-in through a kubeconfig: the independent client the stand-in is checked against.</summary>
public sealed class Kubectl(string kubeconfig)
{
    /// <summary>Where the tests expect kubectl.</summary>
    public const string Path = "/usr/bin/kubectl";

    /// <summary>How long one request may take (kubectl's own default is no bound at all).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one kubectl run may take, retries included, before it is killed and the test fails in one line.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    // kubectl falls back to the pod's service account when a kubeconfig names no cluster: a test on a CI pod would reach
    // the pod's real API server. Without these it falls back to localhost:8080 instead, which fails at once or, when
    // something there accepts and never answers, within the bounds above.
    static readonly IReadOnlyDictionary<string, string?> Isolated = new Dictionary<string, string?>
    {
        ["KUBERNETES_SERVICE_HOST"] = null,
        ["KUBERNETES_SERVICE_PORT"] = null,
        ["KUBECONFIG"] = null,
    };

    /// <summary>Runs kubectl with <paramref name="arguments"/>; never throws on a non-zero exit, throws when a bound passes.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
            throw new InvalidOperationException("kubectl is missing: install it with `apt-get install -y kubectl` (Kubernetes apt repository) so that it is at " + Path);
        var runner = new ProcessRunner(new SecretMasker(), TextWriter.Null);
        return await runner.RunAsync(Path, ["--kubeconfig", kubeconfig, $"--request-timeout={RequestTimeout.TotalSeconds:0}s", .. arguments],
            environment: Isolated, quiet: true, throwOnError: false, timeout: RunTimeout);
    }
}
