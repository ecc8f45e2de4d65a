using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>
/// kubectl's rollout verdicts (<c>pkg/polymorphichelpers/rollout_status.go</c>), rule for rule and message for message, so that
/// "done" here means exactly what <c>kubectl rollout status</c> means.
/// </summary>
public static class RolloutStatus
{
    /// <summary>Verdict for a Deployment.</summary>
    public static RolloutVerdict Evaluate(V1Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        var status = deployment.Status ?? new V1DeploymentStatus();
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return new(false, "Waiting for deployment spec update to be observed...");
        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
            return new(false, "", $"deployment \"{name}\" exceeded its progress deadline");
        int updated = status.UpdatedReplicas ?? 0, replicas = status.Replicas ?? 0, available = status.AvailableReplicas ?? 0;
        if (deployment.Spec.Replicas is { } desired && updated < desired)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...");
        if (replicas > updated)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...");
        if (available < updated)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...");
        return new(true, $"deployment \"{name}\" successfully rolled out");
    }

    /// <summary>Verdict for a StatefulSet (partitions, update revision; OnDelete cannot be followed).</summary>
    public static RolloutVerdict Evaluate(V1StatefulSet set)
    {
        var spec = set.Spec;
        var status = set.Status ?? new V1StatefulSetStatus();
        if (spec.UpdateStrategy?.Type is { } type && type != "RollingUpdate")
            return new(true, "", "rollout status is only available for RollingUpdate strategy type");
        if ((status.ObservedGeneration ?? 0) == 0 || (set.Metadata.Generation ?? 0) > status.ObservedGeneration)
            return new(false, "Waiting for statefulset spec update to be observed...");
        if (spec.Replicas is { } desired && (status.ReadyReplicas ?? 0) < desired)
            return new(false, $"Waiting for {desired - (status.ReadyReplicas ?? 0)} pods to be ready...");
        if (spec.UpdateStrategy?.RollingUpdate is { } rolling)
        {
            if (spec.Replicas is { } replicas && rolling.Partition is { } partition && (status.UpdatedReplicas ?? 0) < replicas - partition)
                return new(false, $"Waiting for partitioned roll out to finish: {status.UpdatedReplicas ?? 0} out of {replicas - partition} new pods have been updated...");
            return new(true, $"partitioned roll out complete: {status.UpdatedReplicas ?? 0} new pods have been updated...");
        }
        if (status.UpdateRevision != status.CurrentRevision)
            return new(false, $"waiting for statefulset rolling update to complete {status.UpdatedReplicas ?? 0} pods at revision {status.UpdateRevision}...");
        return new(true, $"statefulset rolling update complete {status.CurrentReplicas ?? 0} pods at revision {status.CurrentRevision}...");
    }

    /// <summary>Verdict for a DaemonSet (OnDelete cannot be followed).</summary>
    public static RolloutVerdict Evaluate(V1DaemonSet daemon)
    {
        var name = daemon.Metadata.Name;
        var status = daemon.Status ?? new V1DaemonSetStatus();
        if (daemon.Spec.UpdateStrategy?.Type is { } type && type != "RollingUpdate")
            return new(true, "", "rollout status is only available for RollingUpdate strategy type");
        if ((daemon.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return new(false, "Waiting for daemon set spec update to be observed...");
        if ((status.UpdatedNumberScheduled ?? 0) < status.DesiredNumberScheduled)
            return new(false, $"Waiting for daemon set \"{name}\" rollout to finish: {status.UpdatedNumberScheduled ?? 0} out of {status.DesiredNumberScheduled} new pods have been updated...");
        if ((status.NumberAvailable ?? 0) < status.DesiredNumberScheduled)
            return new(false, $"Waiting for daemon set \"{name}\" rollout to finish: {status.NumberAvailable ?? 0} of {status.DesiredNumberScheduled} updated pods are available...");
        return new(true, $"daemon set \"{name}\" successfully rolled out");
    }
}
