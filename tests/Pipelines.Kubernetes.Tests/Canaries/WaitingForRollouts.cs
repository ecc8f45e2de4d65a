using System.Text.Json.Nodes;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Canaries;

/// <summary>
/// WaitRollout on an Argo Rollouts canary or blue-green update, with the verdicts of <c>kubectl argo rollouts status</c>: done at
/// Healthy, waiting through Progressing and Paused (saying how long a pause lasts, or what ends it), failing at Degraded with
/// the abort's reason and the failed AnalysisRun.
/// </summary>
public sealed class WaitingForRollouts
{
    private const string Metric = "Metric \"success-rate\" assessed Failed due to failed (3) > failureLimit (2)";

    private static async Task<(RolloutScene Scene, RolloutScript Web, Task<RolloutResult> Wait, ManualClock Clock)> StartAsync(TimeSpan? timeout = null,
        Func<KubernetesStandIn, RolloutScript>? create = null)
    {
        var scene = await RolloutScene.StartAsync();
        var web = create?.Invoke(scene.StandIn) ?? RolloutScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var clock = new ManualClock();
        var options = RolloutScene.For("rollout/shop/web") with { Timeout = timeout ?? TimeSpan.FromMinutes(30) };
        var watcher = new RolloutWatcher(scene.Connection, clock);
        var wait = Task.Run(() => watcher.WaitAsync(options, scene.Progress));
        await scene.WatchOpen("rollouts");
        await scene.WatchOpen("pods");
        return (scene, web, wait, clock);
    }

    private static Task<RolloutProgress> Seen(RolloutScene scene, string text) => scene.Progress.WaitFor(p => p.Workload is not null && p.Message.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Done_at_Healthy_after_every_step_with_each_step_pause_and_analysis_in_the_progress()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        await Seen(scene, "Progressing - waiting for rollout spec update to be observed");
        web.ObserveGeneration();
        web.SetWeight();
        await Seen(scene, "Progressing - more replicas need to be updated (step 1/6, weight 20)");
        web.Pause();
        var timed = await Seen(scene, "Paused - CanaryPauseStep (step 1/6, weight 20, pause 30s, resumes in ");
        Assert.Null(timed.Workload!.Verdict.Hold);
        web.Resume();
        web.SetWeight();
        web.StartAnalysis();
        await Seen(scene, $"(step 3/6, weight 40, analysis run {web.AnalysisRun} Running)");
        web.AnalysisSucceeded();
        web.Pause();
        var held = await Seen(scene, "Paused - CanaryPauseStep (step 4/6, weight 40, paused until promoted with `kubectl argo rollouts promote web -n shop`");
        Assert.Equal("`kubectl argo rollouts promote web -n shop`", held.Workload!.Verdict.Hold);
        Assert.False(wait.IsCompleted);
        web.Resume();
        web.SetWeight();
        web.Promote();

        var result = await wait;
        var workload = Assert.Single(result.Workloads);
        Assert.Equal("rollout/shop/web", workload.Workload.ToString());
        Assert.Equal("Healthy", workload.Message);
        Assert.Contains(scene.Progress.Reports, p => p.Message.StartsWith("rollout/shop/web: 2/5 updated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_analysis_that_fails_aborts_and_the_wait_fails_at_once_naming_the_reason_and_the_AnalysisRun()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.SetWeight();
        web.Pause();
        web.Resume();
        web.SetWeight();
        web.StartAnalysis();
        web.AnalysisFailed(Metric);

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.Equal($"rollout/shop/web: Degraded - RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: {Metric}"
            + $"; AnalysisRun {web.AnalysisRun} Failed; see `kubectl argo rollouts get rollout web -n shop`", error.Message);
        Assert.Equal("rollout/shop/web", error.Workload.Workload.ToString());
        Assert.True(error.Workload.RunsExpectedImage);
    }

    [Fact]
    public async Task A_blue_green_update_waits_through_the_preview_its_analysis_and_the_pause_until_promoted()
    {
        var (scene, web, wait, _) = await StartAsync(create: standIn => RolloutScript.CreateBlueGreen(standIn, "shop", "web", RolloutScene.OldImage));
        await using var _ = scene;
        var active = web.StableImage;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        await Seen(scene, "Progressing - more replicas need to be updated");
        web.ScaleUpPreview();
        var preview = await Seen(scene, "Progressing - active service cutover pending (preview ");
        Assert.Matches(@"\(preview \w+, active \w+\)", preview.Message);
        web.StartPrePromotionAnalysis();
        await Seen(scene, $"analysis run {web.PrePromotionAnalysisRun} Running)");
        web.PrePromotionAnalysisSucceeded();
        var held = await Seen(scene, "Paused - BlueGreenPause (preview ");
        Assert.Contains($"paused until promoted with `kubectl argo rollouts promote web -n shop`, analysis run {web.PrePromotionAnalysisRun} Successful)", held.Message);
        Assert.Equal("`kubectl argo rollouts promote web -n shop`", held.Workload!.Verdict.Hold);
        Assert.False(wait.IsCompleted);
        web.Promote();

        var result = await wait;
        Assert.Equal("Healthy", Assert.Single(result.Workloads).Message);
        Assert.NotEqual(active, web.StableImage);
    }

    [Fact]
    public async Task A_blue_green_pause_with_auto_promotion_says_when_it_promotes_and_waits_for_no_one()
    {
        var (scene, web, _, _) = await StartAsync(create: standIn => RolloutScript.CreateBlueGreen(standIn, "shop", "web", RolloutScene.OldImage, autoPromotionSeconds: 90));
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.ScaleUpPreview();
        web.StartPrePromotionAnalysis();
        web.PrePromotionAnalysisSucceeded();

        var paused = await Seen(scene, "Paused - BlueGreenPause (preview ");
        Assert.Matches(@"auto-promotes 1m30s after the preview is ready, in 1m\d\ds", paused.Message);
        Assert.Null(paused.Workload!.Verdict.Hold);
    }

    [Fact]
    public async Task A_failed_pre_promotion_analysis_aborts_the_blue_green_update_and_fails_the_wait_naming_the_AnalysisRun()
    {
        var (scene, web, wait, _) = await StartAsync(create: standIn => RolloutScript.CreateBlueGreen(standIn, "shop", "web", RolloutScene.OldImage));
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.ScaleUpPreview();
        web.StartPrePromotionAnalysis();
        web.PrePromotionAnalysisFailed(Metric);

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.Equal($"rollout/shop/web: Degraded - RolloutAborted: Rollout aborted update to revision 2: Blue/green pre-promotion analysis phase error/failed: {Metric}"
            + $"; AnalysisRun {web.PrePromotionAnalysisRun} Failed; see `kubectl argo rollouts get rollout web -n shop`", error.Message);
    }

    [Fact]
    public async Task A_progress_deadline_is_Degraded_too()
    {
        var (scene, web, wait, _) = await StartAsync();
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.ProgressDeadlineExceeded();

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.StartsWith("rollout/shop/web: Degraded - ProgressDeadlineExceeded: ReplicaSet \"web-", error.Message);
    }

    [Fact]
    public async Task An_indefinite_pause_at_the_timeout_says_what_ends_it()
    {
        var (scene, web, wait, clock) = await StartAsync(TimeSpan.FromMinutes(5));
        await using var _ = scene;

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.SetWeight();
        web.Pause();
        web.Resume();
        web.SetWeight();
        web.StartAnalysis();
        web.AnalysisSucceeded();
        web.Pause();
        await Seen(scene, "paused until promoted");
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);
        Assert.Contains("rollout/shop/web: 2/5 updated, 7 ready, 7 available (Paused - CanaryPauseStep (step 4/6, weight 40, paused until promoted", error.Message);
        Assert.EndsWith("rollout/shop/web waits for `kubectl argo rollouts promote web -n shop`: do that, or raise the timeout", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task After_an_abort_a_new_revision_is_waited_for_rather_than_failed_on_the_old_verdict()
    {
        await using var scene = await RolloutScene.StartAsync();
        // The update to 3333333 was aborted before this wait for 2222222: its Degraded is not this image's verdict.
        var web = RolloutScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        web.SetImage(RolloutScene.Repository + ":3333333");
        web.ObserveGeneration();
        web.Abort();
        var wait = scene.WaitAsync(RolloutScene.For("rollout/shop/web"));
        await scene.Progress.WaitFor(p => p.Workload is { Verdict.Error: not null, RunsExpectedImage: false });

        web.SetImage(RolloutScene.NewImage);
        await scene.Progress.WaitFor(p => p.Workload is { RunsExpectedImage: true } && p.Message.Contains("waiting for rollout spec update to be observed", StringComparison.Ordinal));
        web.ObserveGeneration();
        web.Promote();

        Assert.Equal("Healthy", Assert.Single((await wait).Workloads).Message);
    }

    [Fact]
    public async Task A_rollback_to_the_stable_image_is_Healthy_at_once()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = RolloutScript.Create(scene.StandIn, "shop", "web", RolloutScene.NewImage);
        web.SetImage(RolloutScene.OldImage);
        web.ObserveGeneration();
        web.SetWeight();
        web.Abort("Step-based analysis phase error/failed");
        var wait = scene.WaitAsync(RolloutScene.For("rollout/shop/web"));
        await scene.Progress.WaitFor(p => p.Workload is { Verdict.Error: not null });

        // The revert puts the stable image back: the controller promotes it without steps.
        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();

        Assert.Equal("Healthy", Assert.Single((await wait).Workloads).Message);
    }

    [Fact]
    public async Task Discovery_finds_Rollouts_by_their_image_and_watches_a_workloadRef_Deployment_through_its_Rollout()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = RolloutScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        // A Rollout that takes its template from a Deployment (examples/workload-ref), which Argo Rollouts keeps at zero replicas.
        DeploymentScript.Create(scene.StandIn, "shop", "api-template", RolloutScene.OldImage, replicas: 0);
        var rollouts = ApiResource.ByKind("Rollout");
        scene.StandIn.Store.Create(rollouts, "shop", JsonObject.Parse("""
            {"metadata": {"name": "api", "annotations": {"rollout.argoproj.io/workload-generation": "1"}},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api-template"}},
                      "workloadRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api-template", "scaleDown": "onsuccess"},
                      "strategy": {"canary": {"steps": [{"setWeight": 50}]}}},
             "status": {"phase": "Healthy", "observedGeneration": "1", "workloadObservedGeneration": "1", "replicas": 1, "updatedReplicas": 1,
                        "readyReplicas": 1, "availableReplicas": 1, "currentStepIndex": 1}}
            """)!.AsObject());
        var wait = scene.WaitAsync(new RolloutWaitOptions(new ExpectedImage(RolloutScene.Repository, "2222222"), [], ["shop"]) { Timeout = TimeSpan.FromMinutes(2) });
        await scene.WatchOpen("rollouts");

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.Promote();
        scene.StandIn.Store.Update(ApiResource.ByKind("Deployment"), "shop", "api-template", d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = RolloutScene.NewImage);
        scene.StandIn.Store.Update(rollouts, "shop", "api", r => r["metadata"]!["annotations"]!["rollout.argoproj.io/workload-generation"] = "2");
        await scene.Progress.WaitFor(p => p.Subject == "rollout/shop/api" && p.Message.Contains("observed for the reference workload", StringComparison.Ordinal));
        scene.StandIn.Store.Update(rollouts, "shop", "api", r => r["status"]!["workloadObservedGeneration"] = "2", statusOnly: true);

        var result = await wait;
        Assert.Equal(["rollout/shop/api", "rollout/shop/web"], result.Workloads.Select(w => w.Workload.ToString()).Order());
    }
}
