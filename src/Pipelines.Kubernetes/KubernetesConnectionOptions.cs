using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>How to reach the cluster, as kubectl decides it, and how long each step of reaching it may take.</summary>
/// <param name="Kubeconfig">Explicit kubeconfig path; otherwise <c>KUBECONFIG</c> (several files joined by the path separator),
/// then <c>~/.kube/config</c>, then the in-cluster service account.</param>
/// <param name="Context">Kubeconfig context to use instead of <c>current-context</c>.</param>
public sealed record KubernetesConnectionOptions(string? Kubeconfig = null, string? Context = null)
{
    /// <summary>Where a pod's service account token, CA and namespace are mounted.</summary>
    public const string PodServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The variables <c>KUBECONFIG</c>, <c>HOME</c>, <c>KUBERNETES_SERVICE_HOST</c>/<c>PORT</c> and <c>PATH</c> are read from,
    /// and the environment exec credential plugins start with; the process's when null.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>How long the API server may take to accept a connection, TLS handshake included.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the API server may take to start answering a request, and stay silent in the middle of an answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a kubeconfig exec credential plugin may run before it is stopped with its child processes.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the server keeps one watch open before it ends it cleanly (the watch then resumes), as client-go's
    /// reflector asks; a watch stream silent for longer than this plus <see cref="RequestTimeout"/> is taken as dead.</summary>
    public TimeSpan WatchWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The service account directory used in-cluster (a pod's mount unless a caller points elsewhere).</summary>
    public string ServiceAccountDirectory { get; init; } = PodServiceAccountDirectory;

    /// <summary>Where every credential read (token, key, password, plugin output) is registered, so that no output shows it.</summary>
    public SecretMasker? Secrets { get; init; }

    /// <summary>A variable from <see cref="Environment"/> (or the process).</summary>
    public string? Variable(string name) => Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.GetValueOrDefault(name);

    /// <summary><c>~/.kube/config</c> of the environment's home, or null when there is no home.</summary>
    public string? HomeKubeconfig =>
        (Variable("HOME") ?? Variable("USERPROFILE") ?? (Environment is null ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) : null))
            is { Length: > 0 } home ? Path.Combine(home, ".kube", "config") : null;

    /// <summary>The environment a plugin starts with: <see cref="Environment"/>, or the process's variables.</summary>
    internal IReadOnlyDictionary<string, string?> EffectiveEnvironment =>
        Environment ?? System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);

    /// <summary>Refuses bounds that would make a wait hang or fail at once.</summary>
    /// <exception cref="KubernetesInputException">A bound is not positive.</exception>
    public void Validate()
    {
        Positive(ConnectTimeout, KubernetesInputs.ConnectTimeout);
        Positive(RequestTimeout, KubernetesInputs.RequestTimeout);
        Positive(ExecTimeout, KubernetesInputs.ExecTimeout);
        Positive(WatchWindow, Input.Named("watch window"));
    }

    private static void Positive(TimeSpan value, Input input)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
            throw new KubernetesInputException(input, $"{value} is not a bound", $"give a positive duration, e.g. 00:00:30");
    }
}
