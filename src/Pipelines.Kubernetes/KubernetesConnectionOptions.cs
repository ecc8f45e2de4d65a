namespace Pipelines.Kubernetes;

/// <summary>How to reach the cluster, as kubectl decides it.</summary>
/// <param name="Kubeconfig">Explicit kubeconfig path; otherwise <c>KUBECONFIG</c> (several files joined by the path separator),
/// then <c>~/.kube/config</c>, then the in-cluster service account.</param>
/// <param name="Context">Kubeconfig context to use instead of <c>current-context</c>.</param>
public sealed record KubernetesConnectionOptions(string? Kubeconfig = null, string? Context = null)
{
    /// <summary>The variables <c>KUBECONFIG</c> and <c>HOME</c> are read from; the process's when null.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>A variable from <see cref="Environment"/> (or the process).</summary>
    public string? Variable(string name) => Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.GetValueOrDefault(name);

    /// <summary><c>~/.kube/config</c> of the environment's home, or null when there is no home.</summary>
    public string? HomeKubeconfig =>
        (Variable("HOME") ?? Variable("USERPROFILE") ?? (Environment is null ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) : null))
            is { Length: > 0 } home ? Path.Combine(home, ".kube", "config") : null;
}
