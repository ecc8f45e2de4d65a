using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class FailingFast
{
    private static async Task<(RolloutScene Scene, DeploymentScript Web, Task<RolloutResult> Wait)> StartRolloutAsync(
        Func<RolloutWaitOptions, RolloutWaitOptions>? configure = null, TimeProvider? clock = null)
    {
        var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var options = (configure ?? (o => o))(RolloutScene.For("deployment/shop/web"));
        var watcher = new RolloutWatcher(scene.Connection, clock);
        var wait = Task.Run(() => watcher.WaitAsync(options, scene.Progress));
        await scene.WatchOpen("deployments");
        await scene.WatchOpen("pods");
        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.PodsPulling(1);
        await scene.Progress.WaitFor(p => p.Workload is { RunsExpectedImage: true });
        return (scene, web, wait);
    }

    [Fact]
    public async Task ImagePullBackOff_fails_at_once_with_pod_container_reason_and_events_while_kubectl_keeps_waiting()
    {
        var (scene, web, wait) = await StartRolloutAsync();
        await using var _ = scene;

        web.ImagePullBackOff();

        var error = await Assert.ThrowsAsync<PodFailureException>(() => wait);
        Assert.Equal("ImagePullBackOff", error.Diagnosis.Reason);
        Assert.Equal("app", error.Diagnosis.Container);
        Assert.StartsWith("web-", error.Diagnosis.Pod);
        Assert.StartsWith($"deployment/shop/web: pod {error.Diagnosis.Pod} container app: ImagePullBackOff: Back-off pulling image \"{RolloutScene.NewImage}\"; last events: ", error.Message);
        Assert.Contains("Failed: Failed to pull image", error.Message);
        Assert.EndsWith("check that the image was pushed with that tag and that the nodes may pull it", error.Message);
        Assert.DoesNotContain('\n', error.Message);

        // kubectl only knows the progress deadline: within its own short timeout it is still waiting.
        var kubectl = await scene.Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "shop", "--timeout=1s");
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("Waiting for deployment \"web\" rollout to finish", kubectl.StandardOutput);
    }

    [Fact]
    public async Task CrashLoopBackOff_fails_once_the_restarts_pass_the_threshold()
    {
        var (scene, web, wait) = await StartRolloutAsync(o => o with { CrashLoopRestarts = 3 });
        await using var _ = scene;

        web.CrashLoop(restarts: 1);
        web.CrashLoop(restarts: 4);

        var error = await Assert.ThrowsAsync<PodFailureException>(() => wait);
        Assert.Equal("CrashLoopBackOff", error.Diagnosis.Reason);
        Assert.StartsWith("restarted 4 times (last exit code 1, Error): back-off 40s restarting failed container=app", error.Diagnosis.Message);
        Assert.Contains($"see `kubectl logs {error.Diagnosis.Pod} -c app -n shop --previous`", error.Message);
    }

    [Fact]
    public async Task CreateContainerConfigError_fails_with_the_missing_reference()
    {
        var (scene, web, wait) = await StartRolloutAsync();
        await using var _ = scene;

        web.CreateContainerConfigError();

        var error = await Assert.ThrowsAsync<PodFailureException>(() => wait);
        Assert.Equal("CreateContainerConfigError", error.Diagnosis.Reason);
        Assert.Equal("secret \"app-secrets\" not found", error.Diagnosis.Message);
    }

    [Fact]
    public async Task An_unschedulable_pod_fails_once_the_grace_period_has_passed()
    {
        var clock = new ManualClock();
        var (scene, web, wait) = await StartRolloutAsync(o => o with { UnschedulableGrace = TimeSpan.FromMinutes(2), Timeout = TimeSpan.FromHours(1) }, clock);
        await using var _ = scene;
        // The stand-in stamps the condition with the real time, in whole seconds, a moment after this clock started: the
        // recheck is due about 2 min from the clock's now, a little more when the set-up crossed a second (or was slow).
        var recheckScheduled = clock.TimerSet(due => due > TimeSpan.FromMinutes(1) && due <= TimeSpan.FromMinutes(3));

        web.Unschedulable();
        await recheckScheduled;
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(3));

        var error = await Assert.ThrowsAsync<PodFailureException>(() => wait);
        Assert.Equal("Unschedulable", error.Diagnosis.Reason);
        Assert.Contains("0/3 nodes are available: 3 Insufficient cpu.", error.Message);
        Assert.Contains("FailedScheduling", error.Message);
    }

    [Fact]
    public async Task An_unschedulable_pod_that_gets_scheduled_within_the_grace_period_is_not_a_failure()
    {
        var (scene, web, wait) = await StartRolloutAsync(o => o with { UnschedulableGrace = TimeSpan.FromHours(1) });
        await using var _ = scene;

        web.Unschedulable();
        web.Complete();

        Assert.Single((await wait).Workloads);
    }
}
