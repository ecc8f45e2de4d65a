namespace Pipelines.Kubernetes;

/// <summary>The workload kinds whose rollouts can be watched (those <c>kubectl rollout status</c> supports).</summary>
public enum WorkloadKind
{
    /// <summary>apps/v1 Deployment.</summary>
    Deployment,

    /// <summary>apps/v1 StatefulSet.</summary>
    StatefulSet,

    /// <summary>apps/v1 DaemonSet.</summary>
    DaemonSet,
}
