namespace Pipelines.Kubernetes;

/// <summary>One workload: <c>deployment/ns/name</c>.</summary>
/// <param name="Kind">Workload kind.</param>
/// <param name="Namespace">Namespace.</param>
/// <param name="Name">Name.</param>
public sealed record WorkloadReference(WorkloadKind Kind, string Namespace, string Name)
{
    /// <summary>Parses <c>kind/namespace/name</c>; kinds as kubectl spells them (<c>deployment</c>, <c>deploy</c>, <c>statefulset</c>,
    /// <c>sts</c>, <c>daemonset</c>, <c>ds</c>, <c>rollout</c>, <c>ro</c>, <c>canary</c>, also with their API group).</summary>
    /// <exception cref="KubernetesInputException">The text is not of that form, or its namespace or name breaks RFC 1123; the message names the input.</exception>
    public static WorkloadReference Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
            throw new KubernetesInputException(KubernetesInputs.Workload, $"'{text}' is not kind/namespace/name", $"pass e.g. deployment/shop/web");
        var kind = parts[0].ToLowerInvariant() switch
        {
            "deployment" or "deployments" or "deploy" or "deployment.apps" => WorkloadKind.Deployment,
            "statefulset" or "statefulsets" or "sts" or "statefulset.apps" => WorkloadKind.StatefulSet,
            "daemonset" or "daemonsets" or "ds" or "daemonset.apps" => WorkloadKind.DaemonSet,
            "rollout" or "rollouts" or "ro" or "rollout.argoproj.io" or "rollouts.argoproj.io" => WorkloadKind.Rollout,
            "canary" or "canaries" or "canary.flagger.app" or "canaries.flagger.app" => WorkloadKind.Canary,
            _ => throw new KubernetesInputException(KubernetesInputs.Workload, $"'{text}' has kind '{parts[0]}'",
                $"use deployment, statefulset, daemonset, rollout (Argo Rollouts) or canary (Flagger)"),
        };
        KubernetesNameRules.RequireNamespace(parts[1], KubernetesInputs.Workload, text);
        KubernetesNameRules.RequireObjectName(parts[2], KubernetesInputs.Workload, text);
        return new WorkloadReference(kind, parts[1], parts[2]);
    }

    /// <summary><c>deployment/ns/name</c>.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}/{Namespace}/{Name}";
}
