using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Canaries;

/// <summary>
/// WaitRollout on a Flagger Canary: done once the analysis is over and the primary runs the image; waiting through the analysis
/// and its approval gates; failing at once when Flagger marks this revision Failed, with its failed checks and last failed check.
/// </summary>
public sealed class WaitingForCanaries
{
    private const string Halt = "Halt web.shop advancement success rate 55.00% < 99%";

    private static async Task<(RolloutScene Scene, CanaryScript Web, Task<RolloutResult> Wait, ManualClock Clock)> StartAsync(TimeSpan? timeout = null)
    {
        var scene = await RolloutScene.StartAsync();
        var web = CanaryScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage, threshold: 3);
        var clock = new ManualClock();
        var options = RolloutScene.For("canary/shop/web") with { Timeout = timeout ?? TimeSpan.FromMinutes(30) };
        var watcher = new RolloutWatcher(scene.Connection, clock);
        var wait = Task.Run(() => watcher.WaitAsync(options, scene.Progress));
        await scene.WatchOpen("canaries");
        await scene.WatchOpen("pods");
        return (scene, web, wait, clock);
    }

    private static Task<RolloutProgress> Seen(RolloutScene scene, string text) => scene.Progress.WaitFor(p => p.Workload is not null && p.Message.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Done_when_Flagger_promoted_the_image_into_the_primary()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.DetectNewRevision();
        await Seen(scene, "Progressing - New revision detected, progressing canary analysis. (canary weight 0, failed checks 0/3)");
        web.Advance(10);
        web.FailCheck(Halt);
        await Seen(scene, "(canary weight 10, failed checks 1/3)");
        web.Advance(20);
        web.Promote();
        await Seen(scene, "Promoting - Canary analysis completed, starting primary rolling update");
        Assert.False(wait.IsCompleted);
        web.Succeed();

        var workload = Assert.Single((await wait).Workloads);
        Assert.Equal("canary/shop/web", workload.Workload.ToString());
        Assert.Equal("Succeeded - Canary analysis completed successfully, promotion finished.", workload.Message);
        var primary = await scene.Kubectl.RunAsync("get", "deployment", "web-primary", "-n", "shop", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.Equal(RolloutScene.NewImage, primary.StandardOutput.Trim());
    }

    [Fact]
    public async Task An_Initialized_canary_whose_primary_runs_the_old_image_is_not_done()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = CanaryScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        // Flux applied the image; Flagger has not looked yet, so its Initialized is about the old revision.
        web.SetImage(RolloutScene.NewImage);
        var wait = scene.WaitAsync(RolloutScene.For("canary/shop/web"));
        await Seen(scene, "Initialized - Deployment initialization completed. (waiting for Flagger to analyse the new revision of deployment/web)");
        Assert.False(wait.IsCompleted);
        web.DetectNewRevision();
        web.Promote();
        web.Succeed();

        Assert.Single((await wait).Workloads);
    }

    [Fact]
    public async Task A_failed_analysis_fails_at_once_with_the_failed_checks_and_the_last_failed_check()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.DetectNewRevision();
        web.Advance(10);
        for (var i = 0; i < 3; i++) web.FailCheck(Halt);
        web.Fail();

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.Equal("canary/shop/web: Failed - Canary analysis failed, Deployment scaled to zero.; 3 failed checks of analysis threshold 3"
            + $"; Rolling back web.shop failed checks threshold reached 3; last failed check: {Halt}; see `kubectl describe canary web -n shop` and its events", error.Message);
        Assert.True(error.Workload.RunsExpectedImage);
    }

    [Fact]
    public async Task An_approval_gate_at_the_timeout_says_what_opens_it()
    {
        var (scene, web, wait, clock) = await StartAsync(TimeSpan.FromMinutes(5));
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.DetectNewRevision();
        web.Advance(50);
        web.AwaitApproval(promotion: true);
        await Seen(scene, "WaitingPromotion - Waiting for approval. (held by its confirm-promotion webhook)");
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);
        Assert.EndsWith("canary/shop/web waits for the canary's confirm-promotion webhook approving it: do that, or raise the timeout", error.Message);
    }

    [Fact]
    public async Task A_failure_of_an_earlier_revision_is_not_this_image_s_and_a_return_to_the_promoted_image_is_done()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = CanaryScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        web.SetImage(RolloutScene.Repository + ":3333333");
        web.DetectNewRevision();
        web.Fail();

        // Waiting for 2222222: Flux applies it after 3333333 failed; Flagger has not analysed it yet.
        var wait = scene.WaitAsync(RolloutScene.For("canary/shop/web"));
        await scene.WatchOpen("canaries");
        web.SetImage(RolloutScene.NewImage);
        web.SyncFailed();
        await Seen(scene, "(an earlier revision; waiting for Flagger to analyse the new revision of deployment/web)");
        web.DetectNewRevision();
        web.Fail();
        await Assert.ThrowsAsync<RolloutFailedException>(() => wait);

        // The rollback puts the promoted image back into the target: Flagger does not analyse it, and the primary runs it.
        var back = scene.WaitAsync(RolloutScene.For("canary/shop/web", "1111111"));
        web.SetImage(RolloutScene.OldImage);
        web.SyncFailed();
        Assert.Equal("Failed - the last analysis failed, and the primary web-primary runs this image", Assert.Single((await back).Workloads).Message);
    }

    [Fact]
    public async Task Canary_pods_that_cannot_pull_the_image_fail_fast_as_a_Deployment_s_would()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.DetectNewRevision();
        await Seen(scene, "Progressing");
        web.Target.ImagePullBackOff();

        var error = await Assert.ThrowsAsync<PodFailureException>(() => wait);
        Assert.Equal("canary/shop/web", error.Workload.ToString());
        Assert.Equal("ImagePullBackOff", error.Diagnosis.Reason);
    }

    [Fact]
    public async Task Discovery_finds_a_Canary_by_its_target_s_image_and_leaves_the_target_and_primary_to_it()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = CanaryScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var wait = scene.WaitAsync(new RolloutWaitOptions(new ExpectedImage(RolloutScene.Repository, "2222222"), [], ["shop"]) { Timeout = TimeSpan.FromMinutes(2) });
        await scene.WatchOpen("canaries");

        web.SetImage(RolloutScene.NewImage);
        web.DetectNewRevision();
        web.Promote();
        web.Succeed();

        Assert.Equal("canary/shop/web", Assert.Single((await wait).Workloads).Workload.ToString());
    }
}
