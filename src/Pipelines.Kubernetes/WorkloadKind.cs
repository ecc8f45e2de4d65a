namespace Pipelines.Kubernetes;

/// <summary>The workload kinds whose rollouts can be watched: those <c>kubectl rollout status</c> supports, an Argo Rollouts
/// Rollout (as <c>kubectl argo rollouts status</c> follows it) and a Flagger Canary.</summary>
public enum WorkloadKind
{
    /// <summary>apps/v1 Deployment.</summary>
    Deployment,

    /// <summary>apps/v1 StatefulSet.</summary>
    StatefulSet,

    /// <summary>apps/v1 DaemonSet.</summary>
    DaemonSet,

    /// <summary>argoproj.io/v1alpha1 Rollout (Argo Rollouts), canary or blue-green.</summary>
    Rollout,

    /// <summary>flagger.app/v1beta1 Canary (Flagger), which rolls its target Deployment or DaemonSet out through a primary copy.</summary>
    Canary,
}
