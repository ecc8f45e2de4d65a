using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>What this library is given, as its failures name it. A caller maps these to its own parameter names.</summary>
public static partial class KubernetesInputs
{
    /// <summary>The kubeconfig file (or files, from <c>KUBECONFIG</c>).</summary>
    public static readonly Input Kubeconfig = new("kubeconfig");

    /// <summary>The kubeconfig context.</summary>
    public static readonly Input KubeContext = new("kube context");

    /// <summary>A workload to watch, kind/namespace/name.</summary>
    public static readonly Input Workload = new("workload");

    /// <summary>The namespaces searched for workloads.</summary>
    public static readonly Input Namespace = new("namespace");

    /// <summary>The Flux Kustomization to reconcile.</summary>
    public static readonly Input FluxKustomization = new("Flux Kustomization");

    /// <summary>The Flux GitRepository the Kustomization reads.</summary>
    public static readonly Input FluxGitRepository = new("Flux GitRepository");

    /// <summary>The Flux HelmRelease to reconcile.</summary>
    public static readonly Input FluxHelmRelease = new("Flux HelmRelease");

    /// <summary>How long a wait may take.</summary>
    public static readonly Input Timeout = new("timeout");

    /// <summary>How long the API server may take to accept a connection.</summary>
    public static readonly Input ConnectTimeout = new("API connect timeout");

    /// <summary>How long the API server may take to answer, or stay silent mid-answer.</summary>
    public static readonly Input RequestTimeout = new("API request timeout");

    /// <summary>How long a kubeconfig exec credential plugin may run.</summary>
    public static readonly Input ExecTimeout = new("exec credential plugin timeout");

    /// <summary>The in-cluster service account (its token and CA, and the <c>KUBERNETES_SERVICE_HOST</c>/<c>PORT</c> variables).</summary>
    public static readonly Input ServiceAccount = new("in-cluster service account");

    /// <summary>How long the API may stay unreachable.</summary>
    public static readonly Input ApiOutageTolerance = new("API outage tolerance");
}
