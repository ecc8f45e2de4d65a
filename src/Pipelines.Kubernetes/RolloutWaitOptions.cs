namespace Pipelines.Kubernetes;

/// <summary>What to wait for.</summary>
/// <param name="Image">The image the workloads must run.</param>
/// <param name="Workloads">Workloads to watch; when empty, every Deployment, StatefulSet and DaemonSet in <paramref name="Namespaces"/>
/// whose pod template uses the image's repository.</param>
/// <param name="Namespaces">Namespaces to search; when empty, the kubeconfig context's namespace.</param>
public sealed record RolloutWaitOptions(ExpectedImage Image, IReadOnlyList<WorkloadReference> Workloads, IReadOnlyList<string> Namespaces)
{
    /// <summary>How long to wait in all (Flux included).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a new pod may stay unschedulable before the wait fails.</summary>
    public TimeSpan UnschedulableGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Restarts after which a crash-looping new pod fails the wait.</summary>
    public int CrashLoopRestarts { get; init; } = 3;

    /// <summary>How long the API server may stay unreachable or answer 429/5xx (retried with backoff) before the wait fails.</summary>
    public TimeSpan ApiOutageTolerance { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Flux objects to reconcile and wait for before the workloads; null to watch the workloads directly.</summary>
    public FluxWaitOptions? Flux { get; init; }

    /// <summary>Refuses names the API server would refuse, before any request: namespaces, workload and Flux object names by RFC 1123.</summary>
    /// <exception cref="KubernetesInputException">A name breaks its rule; the message names the input.</exception>
    public void Validate()
    {
        foreach (var ns in Namespaces)
            KubernetesNameRules.RequireNamespace(ns, KubernetesInputs.Namespace);
        foreach (var w in Workloads)
        {
            KubernetesNameRules.RequireNamespace(w.Namespace, KubernetesInputs.Workload, w.ToString());
            KubernetesNameRules.RequireObjectName(w.Name, KubernetesInputs.Workload, w.ToString());
        }
        foreach (var (reference, input) in new[] { (Flux?.Kustomization, KubernetesInputs.FluxKustomization), (Flux?.GitRepository, KubernetesInputs.FluxGitRepository),
                     (Flux?.HelmRelease, KubernetesInputs.FluxHelmRelease) })
        {
            if (reference is null) continue;
            KubernetesNameRules.RequireNamespace(reference.Namespace, input, reference.ToString());
            KubernetesNameRules.RequireObjectName(reference.Name, input, reference.ToString());
        }
    }
}
