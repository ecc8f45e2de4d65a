using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>The fail-fast rules: which pod states mean the new revision will not become ready without a change.</summary>
internal static class PodFailureRules
{
    private static readonly HashSet<string> ImageFailures = ["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"];
    private static readonly HashSet<string> ConfigFailures = ["CreateContainerConfigError", "CreateContainerError"];

    /// <summary>The failure (container, reason, message), or null; <paramref name="recheckAt"/> is set when an unschedulable pod is
    /// still within its grace period.</summary>
    public static (string Container, string Reason, string Message)? Find(
        V1Pod pod, int crashLoopRestarts, TimeSpan unschedulableGrace, DateTimeOffset now, out DateTimeOffset? recheckAt)
    {
        recheckAt = null;
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var c in statuses)
        {
            var waiting = c.State?.Waiting;
            if (waiting?.Reason is not { } reason) continue;
            if (ImageFailures.Contains(reason) || ConfigFailures.Contains(reason))
                return (c.Name, reason, waiting.Message ?? "");
            if (reason == "CrashLoopBackOff" && c.RestartCount >= crashLoopRestarts)
            {
                var last = c.LastState?.Terminated;
                var exit = last is null ? "" : $" (last exit code {last.ExitCode}{(string.IsNullOrEmpty(last.Reason) ? "" : ", " + last.Reason)})";
                return (c.Name, reason, $"restarted {c.RestartCount} times{exit}: {waiting.Message}");
            }
        }
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False", Reason: "Unschedulable" })
        {
            var since = scheduled.LastTransitionTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : now;
            if (now - since >= unschedulableGrace)
                return ("", "Unschedulable", scheduled.Message ?? "");
            recheckAt = since + unschedulableGrace;
        }
        return null;
    }

    /// <summary>What the user can do about <paramref name="reason"/>.</summary>
    public static string Advice(string reason, string pod, string container, string ns) => reason switch
    {
        "CrashLoopBackOff" => $"the container keeps exiting; see `kubectl logs {pod} -c {container} -n {ns} --previous`",
        "CreateContainerConfigError" or "CreateContainerError" => "create the missing Secret/ConfigMap or fix the reference in the config repo",
        "Unschedulable" => "free cluster capacity or lower the pod's resource requests",
        _ => "check that the image was pushed with that tag and that the nodes may pull it",
    };
}
