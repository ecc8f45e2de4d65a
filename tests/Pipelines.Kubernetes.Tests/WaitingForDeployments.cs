using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class WaitingForDeployments
{
    [Fact]
    public async Task Succeeds_when_the_new_replicas_are_all_available_and_kubectl_agrees()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var wait = scene.WaitAsync(RolloutScene.For("deployment/shop/web"));
        await scene.WatchOpen("deployments");
        await scene.WatchOpen("pods");

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.PodsPulling(1);
        web.Progress(updated: 1, available: 0);
        await scene.Progress.WaitFor(p => p.Workload is { Updated: 1, RunsExpectedImage: true });
        Assert.False(wait.IsCompleted);
        web.Progress(updated: 3, available: 2);
        web.Complete();

        var result = await wait;
        var workload = Assert.Single(result.Workloads);
        Assert.Equal("deployment/shop/web", workload.Workload.ToString());
        Assert.Equal("deployment \"web\" successfully rolled out", workload.Message);
        Assert.Contains(scene.Progress.Reports, p => p.Message.Contains("1/3 updated"));

        var kubectl = await scene.Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "shop", "--timeout=30s");
        Assert.True(kubectl.ExitCode == 0, kubectl.StandardError);
        Assert.Contains("successfully rolled out", kubectl.StandardOutput);
    }

    [Fact]
    public async Task A_finished_rollout_of_the_old_image_is_done_for_kubectl_but_not_for_WaitRollout()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);

        var kubectl = await scene.Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "shop", "--timeout=30s");
        Assert.Equal(0, kubectl.ExitCode);
        Assert.Contains("successfully rolled out", kubectl.StandardOutput);

        var wait = scene.WaitAsync(RolloutScene.For("deployment/shop/web"));
        var seen = await scene.Progress.WaitFor(p => p.Workload is { Verdict.Done: true });
        Assert.False(seen.Workload!.RunsExpectedImage);
        Assert.Contains("does not reference the new image", seen.Message);
        Assert.False(wait.IsCompleted);

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.Complete();
        var result = await wait;
        Assert.Single(result.Workloads);
    }

    [Fact]
    public async Task Progress_deadline_exceeded_fails_for_WaitRollout_and_kubectl()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        var wait = scene.WaitAsync(RolloutScene.For("deployment/shop/web"));
        await scene.WatchOpen("deployments");

        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.ProgressDeadlineExceeded();

        var error = await Assert.ThrowsAsync<RolloutFailedException>(() => wait);
        Assert.Equal("deployment/shop/web: deployment \"web\" exceeded its progress deadline; see `kubectl describe deployment web -n shop`", error.Message);

        var kubectl = await scene.Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "shop", "--timeout=30s");
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("exceeded its progress deadline", kubectl.StandardError);
    }

    [Fact]
    public async Task A_timeout_reports_the_current_state_of_every_workload()
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        DeploymentScript.Create(scene.StandIn, "shop", "worker", RolloutScene.OldImage, replicas: 2);
        web.SetImage(RolloutScene.NewImage);
        web.ObserveGeneration();
        web.Progress(updated: 1, available: 0);
        var clock = new ManualClock();
        var watcher = new RolloutWatcher(scene.Connection, clock);
        var options = new RolloutWaitOptions(new ExpectedImage(RolloutScene.Repository, "2222222"), [], ["shop"]);

        var wait = Task.Run(() => watcher.WaitAsync(options, scene.Progress));
        await scene.Progress.WaitFor(p => p.Subject == "deployment/shop/web");
        await scene.Progress.WaitFor(p => p.Subject == "deployment/shop/worker");
        clock.Advance(TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<RolloutTimeoutException>(() => wait);

        Assert.Equal(
            "timed out after 00:10:00 waiting for " + RolloutScene.NewImage + ": "
            + "deployment/shop/web: 1/3 updated, 0 ready, 0 available (Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated); "
            + "deployment/shop/worker: 2/2 updated, 2 ready, 2 available (pod template does not reference the new image yet); "
            + "raise the timeout if the rollout is just slow", error.Message);
        Assert.Equal(2, error.Workloads.Count);
    }

    [Fact]
    public async Task Discovers_the_workloads_that_use_the_image_repository()
    {
        await using var scene = await RolloutScene.StartAsync();
        DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.NewImage);
        DeploymentScript.Create(scene.StandIn, "shop", "other", "registry.example/other:1");
        var options = new RolloutWaitOptions(new ExpectedImage(RolloutScene.Repository, "2222222"), [], ["shop"]);

        var result = await scene.Watcher.WaitAsync(options);

        Assert.Equal(["deployment/shop/web"], result.Workloads.Select(w => w.Workload.ToString()));
    }

    [Fact]
    public async Task A_missing_workload_is_a_one_line_error()
    {
        await using var scene = await RolloutScene.StartAsync();
        scene.StandIn.EnsureNamespace("shop");

        var error = await Assert.ThrowsAsync<WorkloadNotFoundException>(() => scene.Watcher.WaitAsync(RolloutScene.For("deployment/shop/nope")));

        Assert.Equal("workload deployment/shop/nope does not exist; check the kind, namespace and name (`kubectl get deployment -n shop`)", error.Message);
    }
}
