namespace Pipelines.Kubernetes;

/// <summary>Where the custom workload kinds are served.</summary>
internal sealed record CustomWorkloadResource(string Kind, string Group, string Version, string Plural)
{
    public static readonly CustomWorkloadResource Rollout = new("Rollout", "argoproj.io", "v1alpha1", "rollouts");
    public static readonly CustomWorkloadResource Canary = new("Canary", "flagger.app", "v1beta1", "canaries");

    public static CustomWorkloadResource For(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Rollout => Rollout,
        WorkloadKind.Canary => Canary,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a custom workload kind"),
    };
}
