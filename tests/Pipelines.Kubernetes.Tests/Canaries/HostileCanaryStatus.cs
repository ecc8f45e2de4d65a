using System.Text.Json.Nodes;
using Pipelines.Testing.Faults;
using Pipelines.Testing.Kubernetes;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Canaries;

/// <summary>
/// Rollouts and Canaries as a misbehaving or newer controller leaves them: a status of the wrong types, a huge message, a phase
/// this version does not know, metadata that cannot be read, and the object deleted in the middle of the wait. Each is "not
/// done yet" or one bounded line, never an exception from deep inside the watcher, and never a verdict it cannot back up.
/// </summary>
public sealed class HostileCanaryStatus(ITestOutputHelper output)
{
    private static readonly ApiResource Rollouts = ApiResource.ByKind("Rollout");
    private static readonly ApiResource Canaries = ApiResource.ByKind("Canary");

    private static async Task<(RolloutScene Scene, Task<RolloutResult> Wait, ManualClock Clock)> WaitAsync(string workload, string plural, TimeSpan timeout, Action<RolloutScene> arrange)
    {
        var scene = await RolloutScene.StartAsync();
        arrange(scene);
        var clock = new ManualClock();
        var watcher = new RolloutWatcher(scene.Connection, clock);
        var wait = Task.Run(() => watcher.WaitAsync(RolloutScene.For(workload) with { Timeout = timeout }, scene.Progress));
        await scene.WatchOpen(plural);
        return (scene, wait, clock);
    }

    private static void Garble(RolloutScene scene, ApiResource resource, string name, Action<JsonObject> change) =>
        scene.StandIn.Store.Update(resource, "shop", name, o => change(o["status"]!.AsObject()), statusOnly: true, validation: FieldValidation.None);

    [Fact]
    public async Task A_rollout_status_of_the_wrong_types_is_not_done_and_a_sound_one_afterwards_is()
    {
        RolloutScript web = null!;
        var (scene, wait, _) = await WaitAsync("rollout/shop/web", "rollouts", TimeSpan.FromMinutes(2), s =>
        {
            web = RolloutScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
        });
        await using var _ = scene;

        Garble(scene, Rollouts, "web", s =>
        {
            s["phase"] = 42;
            s["message"] = new JsonArray("not", "text");
            s["observedGeneration"] = "two";
            s["currentStepIndex"] = "first";
            s["pauseConditions"] = "paused";
            s["conditions"] = new JsonObject { ["type"] = "Progressing" };
            s["canary"] = new JsonArray();
            s["updatedReplicas"] = -3;
        });
        var seen = await scene.Progress.WaitFor(p => p.Message.Contains("waiting for the rollout controller to report a phase", StringComparison.Ordinal));
        Assert.False(wait.IsCompleted);
        // The controller writes a sound status again.
        Garble(scene, Rollouts, "web", s =>
        {
            foreach (var field in new[] { "phase", "message", "observedGeneration", "currentStepIndex", "pauseConditions", "conditions", "canary", "updatedReplicas" })
                s.Remove(field);
        });
        web.Promote();

        Assert.Equal("Healthy", Assert.Single((await wait).Workloads).Message);
        HardeningFigures.Record(output, "hostile", "canary/rollout-garbled-status", ("tried", 1), ("handled", 1), ("line", seen.Message.Length));
    }

    [Fact]
    public async Task A_canary_status_of_the_wrong_types_is_not_done()
    {
        CanaryScript web = null!;
        var (scene, wait, clock) = await WaitAsync("canary/shop/web", "canaries", TimeSpan.FromMinutes(5), s =>
        {
            web = CanaryScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
            web.SetImage(RolloutScene.NewImage);
        });
        await using var _ = scene;

        Garble(scene, Canaries, "web", s =>
        {
            s["phase"] = new JsonObject { ["name"] = "Failed" };
            s["failedChecks"] = "many";
            s["conditions"] = "Promoted";
            s["lastTransitionTime"] = "yesterday";
        });
        await scene.Progress.WaitFor(p => p.Message.Contains("waiting for Flagger to initialize the canary", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);
        Assert.Contains("canary/shop/web", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        HardeningFigures.Record(output, "hostile", "canary/canary-garbled-status", ("tried", 1), ("handled", 1), ("line", error.Message.Length));
    }

    [Fact]
    public async Task A_huge_abort_message_is_cut_to_one_bounded_line()
    {
        RolloutScript web = null!;
        var (scene, wait, _) = await WaitAsync("rollout/shop/web", "rollouts", TimeSpan.FromMinutes(2), s =>
        {
            web = RolloutScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
            web.SetWeight();
            web.Pause();
            web.Resume();
            web.SetWeight();
            web.StartAnalysis();
        });
        await using var _ = scene;
        var huge = string.Concat(Enumerable.Repeat("error rate 97% on /checkout\n", 40_000));

        web.AnalysisFailed(huge);

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.StartsWith("rollout/shop/web: Degraded - RolloutAborted: Rollout aborted update to revision", error.Message);
        Assert.Contains($"AnalysisRun {web.AnalysisRun} Failed", error.Message);
        Assert.Contains("more characters)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.InRange(error.Message.Length, 100, 1500);
        HardeningFigures.Record(output, "hostile", "canary/huge-abort-message", ("tried", 1), ("handled", 1), ("messageChars", huge.Length),
            ("lineChars", error.Message.Length));
    }

    [Fact]
    public async Task An_unknown_phase_is_not_done_and_the_timeout_names_it()
    {
        var (scene, wait, clock) = await WaitAsync("canary/shop/web", "canaries", TimeSpan.FromMinutes(5), s =>
        {
            var web = CanaryScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
            web.SetImage(RolloutScene.NewImage);
            web.DetectNewRevision();
        });
        await using var _ = scene;
        Garble(scene, Canaries, "web", s => s["phase"] = "Exploding");
        await scene.Progress.WaitFor(p => p.Message.Contains("Exploding", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);
        Assert.Contains("Exploding", error.Message);
        Assert.Contains("not a phase this version knows: Initializing, Initialized, Waiting", error.Message);
        HardeningFigures.Record(output, "hostile", "canary/unknown-phase", ("tried", 1), ("handled", 1));
    }

    [Fact]
    public async Task An_unknown_rollout_phase_is_not_done()
    {
        RolloutScript web = null!;
        var (scene, wait, _) = await WaitAsync("rollout/shop/web", "rollouts", TimeSpan.FromMinutes(2), s =>
        {
            web = RolloutScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
        });
        await using var _ = scene;

        Garble(scene, Rollouts, "web", s => s["phase"] = "Hibernating");
        await scene.Progress.WaitFor(p => p.Message.Contains("(Hibernating - ", StringComparison.Ordinal)
            && p.Message.Contains("(not a phase this version knows: Healthy, Degraded, Progressing, Paused)", StringComparison.Ordinal));
        Assert.False(wait.IsCompleted);
        web.Promote();

        Assert.Equal("Healthy", Assert.Single((await wait).Workloads).Message);
        HardeningFigures.Record(output, "hostile", "canary/rollout-unknown-phase", ("tried", 1), ("handled", 1));
    }

    [Fact]
    public async Task Metadata_that_cannot_be_read_is_one_line_and_not_a_rollout_failure()
    {
        var (scene, wait, _) = await WaitAsync("rollout/shop/web", "rollouts", TimeSpan.FromMinutes(2), s =>
            RolloutScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage));
        await using var _ = scene;

        scene.StandIn.Store.Update(Rollouts, "shop", "web", o => o["metadata"]!["labels"] = new JsonArray(1, 2), validation: FieldValidation.None);

        var error = await Assert.ThrowsAsync<ClusterAnswerException>(() => wait);
        Assert.StartsWith("rollout/shop/web: the API server sent a Rollout that cannot be read (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsNotAssignableFrom<RolloutException>(error);
        HardeningFigures.Record(output, "hostile", "canary/unreadable-metadata", ("tried", 1), ("handled", 1), ("line", error.Message.Length));
    }

    [Theory]
    [InlineData("rollout")]
    [InlineData("canary")]
    public async Task An_object_deleted_mid_wait_is_waited_for_and_the_timeout_says_it_was_deleted(string kind)
    {
        var (scene, wait, clock) = await WaitAsync($"{kind}/shop/web", kind == "rollout" ? "rollouts" : "canaries", TimeSpan.FromMinutes(5), s =>
        {
            if (kind == "rollout")
            {
                var r = RolloutScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
                r.SetImage(RolloutScene.NewImage);
                r.ObserveGeneration();
            }
            else
            {
                var c = CanaryScript.Create(s.StandIn, "shop", "web", RolloutScene.OldImage);
                c.SetImage(RolloutScene.NewImage);
                c.DetectNewRevision();
            }
        });
        await using var _ = scene;
        await scene.Progress.WaitFor(p => p.Message.Contains("Progressing", StringComparison.Ordinal));

        scene.StandIn.Store.Delete(kind == "rollout" ? Rollouts : Canaries, "shop", "web");
        await scene.Progress.WaitFor(p => p.Message.Contains("deleted; waiting for it to be created again", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);
        Assert.Contains($"{kind}/shop/web", error.Message);
        Assert.Contains("deleted; waiting for it to be created again", error.Message);
        HardeningFigures.Record(output, "hostile", $"canary/{kind}-deleted-mid-wait", ("tried", 1), ("handled", 1));
    }
}
