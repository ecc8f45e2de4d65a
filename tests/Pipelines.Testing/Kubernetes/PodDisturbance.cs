using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>What the kubelet reports when a running pod gets into trouble: a container restarts, or the pod stops being ready.</summary>
public static class PodDisturbance
{
    private static readonly ApiResource Pods = ApiResource.ByKind("Pod");

    /// <summary>The names of the pods in <paramref name="ns"/> labelled <c>app: <paramref name="app"/></c>, in order.</summary>
    public static IReadOnlyList<string> PodsOf(this KubernetesStandIn standIn, string ns, string app) =>
        standIn.Store.List(Pods, ns).Items.Where(p => (string?)p["metadata"]?["labels"]?["app"] == app)
            .Select(p => (string)p["metadata"]!["name"]!).ToList();

    /// <summary>The pod's first container exited (OOMKilled, code 137) and was restarted: its restart count goes up by one.</summary>
    public static void RestartContainer(this KubernetesStandIn standIn, string ns, string pod) =>
        standIn.Store.Update(Pods, ns, pod, p =>
        {
            var container = p["status"]!["containerStatuses"]![0]!.AsObject();
            container["restartCount"] = (int)(JsonNumber.Of(container["restartCount"]) ?? 0) + 1;
            container["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 137, ["reason"] = "OOMKilled" } };
        }, statusOnly: true);

    /// <summary>The pod's readiness probe starts failing: its container is not ready, and its Ready condition is False.</summary>
    public static void DropReadiness(this KubernetesStandIn standIn, string ns, string pod) =>
        standIn.Store.Update(Pods, ns, pod, p =>
        {
            p["status"]!["containerStatuses"]![0]!["ready"] = false;
            p["status"]!["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "False", ["reason"] = "ContainersNotReady", ["message"] = "containers with unready status: [app]",
                ["lastTransitionTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow),
            });
        }, statusOnly: true);
}
