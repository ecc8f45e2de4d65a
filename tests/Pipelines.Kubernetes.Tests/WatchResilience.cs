using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class WatchResilience
{
    [Fact]
    public async Task A_watch_dropped_mid_rollout_resumes_from_the_last_resource_version_without_listing_again()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var wait = scene.WaitAsync(RolloutScene.For("deployment/shop/web"));
        await scene.WatchOpen("deployments");
        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.Progress(updated: 1, available: 0);
        await scene.Progress.WaitFor(p => p.Workload is { Updated: 1, RunsExpectedImage: true });
        var lastSeen = long.Parse(scene.StandIn.Store.Get(ApiResource.ByKind("Deployment"), "shop", "web")!["metadata"]!["resourceVersion"]!.ToString());
        var before = scene.StandIn.Requests.Count;
        var listsBefore = scene.StandIn.Requests.Count(r => r.IsListOf("deployments"));

        scene.StandIn.DropWatches();
        var resumed = await scene.WatchOpen("deployments", before);
        web.Complete();

        Assert.Single((await wait).Workloads);
        Assert.True(long.Parse(resumed.ResourceVersion!) >= lastSeen, $"resumed from {resumed.ResourceVersion}, last seen {lastSeen}");
        Assert.Equal(listsBefore, scene.StandIn.Requests.Count(r => r.IsListOf("deployments")));
    }

    [Fact]
    public async Task Gone_410_after_compaction_lists_afresh_and_still_sees_the_rollout()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var wait = scene.WaitAsync(RolloutScene.For("deployment/shop/web"));
        await scene.WatchOpen("deployments");
        await scene.Progress.WaitFor(p => p.Subject == "deployment/shop/web");
        var before = scene.StandIn.Requests.Count;

        // Events the watcher has not seen are compacted away while it is disconnected: new watches are held
        // until then, so its reconnect cannot slip in between and see the events live.
        using (scene.StandIn.HoldWatches())
        {
            scene.StandIn.DropWatches();
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
            web.Complete();
            scene.StandIn.Store.Compact();
        }

        Assert.Single((await wait).Workloads);
        var after = scene.StandIn.Requests.Skip(before).ToList();
        Assert.Contains(after, r => r.IsListOf("deployments"));
    }

    [Fact]
    public async Task Kubectl_also_sees_410_Gone_for_a_compacted_resource_version()
    {
        await using var scene = await RolloutScene.StartAsync();
        DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        scene.StandIn.Store.Compact();
        var kubectl = await scene.Kubectl.RunAsync("get", "--raw", "/apis/apps/v1/namespaces/shop/deployments?watch=true&resourceVersion=5&timeoutSeconds=1");
        Assert.Contains("\"code\":410", kubectl.StandardOutput);
        Assert.Contains("\"reason\":\"Expired\"", kubectl.StandardOutput);
    }
}
