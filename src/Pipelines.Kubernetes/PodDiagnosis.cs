namespace Pipelines.Kubernetes;

/// <summary>Why a pod of the new revision cannot become ready.</summary>
/// <param name="Pod">Pod name.</param>
/// <param name="Container">Container name (empty for scheduling failures).</param>
/// <param name="Reason">e.g. <c>ImagePullBackOff</c>, <c>CrashLoopBackOff</c>, <c>CreateContainerConfigError</c>, <c>Unschedulable</c>.</param>
/// <param name="Message">The kubelet's or scheduler's message.</param>
/// <param name="Events">The pod's last events, oldest first (<c>Reason: message</c>).</param>
public sealed record PodDiagnosis(string Pod, string Container, string Reason, string Message, IReadOnlyList<string> Events)
{
    /// <summary>One line: <c>pod web-abc container app: ImagePullBackOff: Back-off pulling image "…"; events: …</c>.</summary>
    public override string ToString() =>
        $"pod {Pod}{(Container.Length > 0 ? " container " + Container : "")}: {Reason}: {Message}"
        + (Events.Count > 0 ? "; last events: " + string.Join(" | ", Events) : "");
}
