using System.Text.Json.Nodes;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class StatefulSetsAndDaemonSets
{
    private static void SetStatus(RolloutScene scene, string kind, string name, JsonObject status) =>
        scene.StandIn.Store.Update(ApiResource.ByKind(kind), "shop", name, o =>
        {
            status["observedGeneration"] = o["metadata"]!["generation"]!.DeepClone();
            o["status"] = status;
        }, statusOnly: true);

    private static async Task<(int ExitCode, string Output)> KubectlStatus(RolloutScene scene, string resource)
    {
        var r = await scene.Kubectl.RunAsync("rollout", "status", resource, "-n", "shop", "--timeout=1s");
        return (r.ExitCode, (r.StandardOutput + r.StandardError).Trim());
    }

    [Fact]
    public async Task A_partitioned_StatefulSet_is_done_when_the_pods_above_the_partition_are_updated_for_both()
    {
        await using var scene = await RolloutScene.StartAsync();
        scene.StandIn.EnsureNamespace("shop");
        scene.StandIn.Store.Create(ApiResource.ByKind("StatefulSet"), "shop", WorkloadManifests.StatefulSet("db", RolloutScene.NewImage, replicas: 3, partition: 1));
        SetStatus(scene, "StatefulSet", "db", new JsonObject { ["replicas"] = 3, ["readyReplicas"] = 3, ["updatedReplicas"] = 1, ["currentRevision"] = "db-1", ["updateRevision"] = "db-2" });

        var waiting = await KubectlStatus(scene, "statefulset/db");
        Assert.Contains("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...", waiting.Output);
        var wait = scene.WaitAsync(RolloutScene.For("statefulset/shop/db"));
        await scene.Progress.WaitFor(p => p.Message.Contains("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated"));

        SetStatus(scene, "StatefulSet", "db", new JsonObject { ["replicas"] = 3, ["readyReplicas"] = 3, ["updatedReplicas"] = 2, ["currentRevision"] = "db-1", ["updateRevision"] = "db-2" });

        var result = await wait;
        Assert.Equal("partitioned roll out complete: 2 new pods have been updated...", result.Workloads[0].Message);
        var done = await KubectlStatus(scene, "statefulset/db");
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("partitioned roll out complete: 2 new pods have been updated...", done.Output);
    }

    [Fact]
    public async Task An_OnDelete_StatefulSet_cannot_be_followed_by_either()
    {
        await using var scene = await RolloutScene.StartAsync();
        scene.StandIn.EnsureNamespace("shop");
        scene.StandIn.Store.Create(ApiResource.ByKind("StatefulSet"), "shop", WorkloadManifests.StatefulSet("db", RolloutScene.NewImage, onDelete: true));

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => scene.WaitAsync(RolloutScene.For("statefulset/shop/db")));
        Assert.Contains("rollout status is only available for RollingUpdate strategy type", error.Message);
        var kubectl = await KubectlStatus(scene, "statefulset/db");
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("rollout status is only available for RollingUpdate strategy type", kubectl.Output);
    }

    [Fact]
    public async Task A_DaemonSet_is_done_when_every_scheduled_pod_is_updated_and_available_for_both()
    {
        await using var scene = await RolloutScene.StartAsync();
        scene.StandIn.EnsureNamespace("shop");
        scene.StandIn.Store.Create(ApiResource.ByKind("DaemonSet"), "shop", WorkloadManifests.DaemonSet("agent", RolloutScene.NewImage));
        SetStatus(scene, "DaemonSet", "agent", new JsonObject { ["desiredNumberScheduled"] = 4, ["currentNumberScheduled"] = 4, ["updatedNumberScheduled"] = 4, ["numberAvailable"] = 3, ["numberReady"] = 3 });

        var waiting = await KubectlStatus(scene, "daemonset/agent");
        Assert.Contains("Waiting for daemon set \"agent\" rollout to finish: 3 of 4 updated pods are available...", waiting.Output);
        var wait = scene.WaitAsync(RolloutScene.For("daemonset/shop/agent"));
        await scene.Progress.WaitFor(p => p.Message.Contains("3 of 4 updated pods are available"));

        SetStatus(scene, "DaemonSet", "agent", new JsonObject { ["desiredNumberScheduled"] = 4, ["currentNumberScheduled"] = 4, ["updatedNumberScheduled"] = 4, ["numberAvailable"] = 4, ["numberReady"] = 4 });

        Assert.Equal("daemon set \"agent\" successfully rolled out", (await wait).Workloads[0].Message);
        var done = await KubectlStatus(scene, "daemonset/agent");
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("daemon set \"agent\" successfully rolled out", done.Output);
    }
}
