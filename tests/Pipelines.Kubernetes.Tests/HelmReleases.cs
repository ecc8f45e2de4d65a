using System.Text.Json.Nodes;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class HelmReleases
{
    private static readonly ApiResource Resource = ApiResource.ByKind("HelmRelease");

    private static JsonObject Entry(string status, string digest, int version) => new()
    {
        ["chartName"] = "web", ["chartVersion"] = "1.4.0", ["version"] = version, ["status"] = status, ["configDigest"] = digest,
        ["name"] = "web", ["namespace"] = "shop",
    };

    private static async Task<(RolloutScene, Task<RolloutResult>, string RequestedAt)> StartAsync()
    {
        var scene = await RolloutScene.StartAsync();
        DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.NewImage);
        scene.StandIn.Store.Create(Resource, "shop", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["interval"] = "5m", ["chart"] = new JsonObject { ["spec"] = new JsonObject { ["chart"] = "web", ["version"] = "1.4.0" } } },
        });
        // The Kustomization applied new values: generation 2, not yet observed; Ready still says True from the last release.
        scene.StandIn.Store.Update(Resource, "shop", "web", h => h["spec"]!["values"] = new JsonObject { ["image"] = new JsonObject { ["tag"] = "2222222" } });
        scene.StandIn.Store.Update(Resource, "shop", "web", h => h["status"] = new JsonObject
        {
            ["observedGeneration"] = 1, ["lastAttemptedConfigDigest"] = "sha256:old",
            ["history"] = new JsonArray(Entry("deployed", "sha256:old", 1)),
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "UpgradeSucceeded", ["message"] = "Helm upgrade succeeded" }),
        }, statusOnly: true);
        var options = RolloutScene.For("deployment/shop/web") with { Flux = new FluxWaitOptions(HelmRelease: FluxObjectReference.Parse("shop/web", KubernetesInputs.FluxHelmRelease)) };
        var wait = scene.WaitAsync(options);
        await scene.StandIn.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/helmreleases/web"));
        await scene.Progress.WaitFor(p => p.Subject == "helmrelease/shop/web");
        var requestedAt = (string)scene.StandIn.Store.Get(Resource, "shop", "web")!["metadata"]!["annotations"]!["reconcile.fluxcd.io/requestedAt"]!;
        return (scene, wait, requestedAt);
    }

    [Fact]
    public async Task Waits_until_the_newest_history_entry_is_deployed_with_the_current_config_digest()
    {
        var (scene, wait, requestedAt) = await StartAsync();
        await using var _ = scene;

        // Caught up and Ready, but the newest release still has the previous values.
        scene.StandIn.Store.Update(Resource, "shop", "web", h =>
        {
            h["status"]!["observedGeneration"] = 2;
            h["status"]!["lastHandledReconcileAt"] = requestedAt;
            h["status"]!["lastAttemptedConfigDigest"] = "sha256:new";
        }, statusOnly: true);
        await scene.Progress.WaitFor(p => p.Subject == "helmrelease/shop/web" && p.Message.Contains("(older config)"));
        Assert.False(wait.IsCompleted);

        scene.StandIn.Store.Update(Resource, "shop", "web", h => h["status"]!["history"]!.AsArray().Insert(0, Entry("deployed", "sha256:new", 2)), statusOnly: true);

        var result = await wait;
        Assert.Equal("web@1.4.0 v2", result.Flux!.HelmReleaseRevision);
    }

    [Fact]
    public async Task A_failed_release_fails_with_the_Ready_message()
    {
        var (scene, wait, requestedAt) = await StartAsync();
        await using var _ = scene;

        scene.StandIn.Store.Update(Resource, "shop", "web", h =>
        {
            var s = h["status"]!;
            s["observedGeneration"] = 2;
            s["lastHandledReconcileAt"] = requestedAt;
            s["lastAttemptedConfigDigest"] = "sha256:new";
            s["history"]!.AsArray().Insert(0, Entry("failed", "sha256:new", 2));
            s["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["reason"] = "UpgradeFailed", ["message"] = "Helm upgrade failed for release shop/web with chart web@1.4.0: context deadline exceeded" });
        }, statusOnly: true);

        var error = await Assert.ThrowsAsync<FluxReconcileException>(() => wait);
        Assert.Equal("helmrelease/shop/web release failed: Helm upgrade failed for release shop/web with chart web@1.4.0: context deadline exceeded; fix the chart or values in the config repo", error.Message);
    }
}
