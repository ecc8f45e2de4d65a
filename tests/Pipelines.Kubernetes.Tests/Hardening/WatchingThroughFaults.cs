using Pipelines.Testing.Faults;
using Pipelines.Testing.Kubernetes;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Hardening;

/// <summary>WaitRollout through a proxy that cuts watch streams, fails requests with 500/503/429 and delays others.</summary>
public sealed class WatchingThroughFaults(ITestOutputHelper output)
{
    /// <summary>Waits for a progress report, or for the wait to end early (then its error surfaces at <c>await wait</c>).</summary>
    static async Task Step(Task wait, ProgressLog progress, Func<RolloutProgress, bool> match) => await Task.WhenAny(progress.WaitFor(match), wait);

    /// <summary>The seeds run: <c>FAULT_SEED</c> alone when set, else seeds 1 to 20 (each replays its own fault sequence).</summary>
    static int[] Seeds() => int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), out var s) ? [s] : Enumerable.Range(1, 20).ToArray();

    sealed record SceneFigures(int Faults, int Resets, int HttpErrors, int Delays, int Requests, int Watches);

    [Fact]
    public async Task Watches_resume_through_resets_and_errors_without_missing_the_completion()
    {
        var figures = new List<SceneFigures>();
        foreach (var seed in Seeds())
            figures.Add(await RunSceneAsync(seed));

        HardeningFigures.Record(output, "faults", "rollout-watch", ("runs", figures.Count), ("faultsInjected", figures.Sum(f => f.Faults)), ("resets", figures.Sum(f => f.Resets)),
            ("httpErrors", figures.Sum(f => f.HttpErrors)), ("delays", figures.Sum(f => f.Delays)), ("requests", figures.Sum(f => f.Requests)),
            ("watchesOpened", figures.Sum(f => f.Watches)), ("succeeded", figures.Count), ("landed", figures.Count));
        Assert.True(figures.Sum(f => f.Faults) > 0, $"no fault was injected with seed(s) {string.Join(", ", Seeds())}");
    }

    [Fact]
    public async Task An_api_server_that_stays_down_fails_in_one_line_after_bounded_retries()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        await using var proxy = FaultProxy.Start(standIn.BaseAddress.Host, standIn.BaseAddress.Port, new FaultPlan { Http = true, Down = true });
        var dir = Directory.CreateTempSubdirectory("rollout-down-").FullName;
        try
        {
            var kubeconfig = standIn.WriteKubeconfig(dir);
            await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(kubeconfig)).Replace(standIn.BaseAddress.ToString().TrimEnd('/'), $"http://{proxy.Host}", StringComparison.Ordinal));
            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig));
            DeploymentScript.Create(standIn, "shop", "web", RolloutScene.OldImage);
            var options = RolloutScene.For("deployment/shop/web") with { ApiOutageTolerance = TimeSpan.FromSeconds(2) };

            var error = await Assert.ThrowsAsync<ClusterAccessException>(() => new RolloutWatcher(connection).WaitAsync(options));

            HardeningFigures.Record(output, "faults", "cluster-down", ("faultsInjected", proxy.FaultsInjected), ("attempts", proxy.Connections),
                ("attemptsPerRequest", new TransientFailureRetryHandler().MaxAttempts), ("succeeded", 0), ("landed", 0), ("error", error.Message));
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains("503", error.Message);
            Assert.Contains("through every retry", error.Message);
            // Each list is tried 4 times by the handler; the watch loop lists again only while the 2 s tolerance lasts.
            Assert.InRange(proxy.Connections, new TransientFailureRetryHandler().MaxAttempts, 40);
            connection.Client.Dispose();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static async Task<SceneFigures> RunSceneAsync(int seed)
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        standIn.BookmarkInterval = TimeSpan.FromMilliseconds(200);
        await using var proxy = FaultProxy.Start(standIn.BaseAddress.Host, standIn.BaseAddress.Port, new FaultPlan
        {
            Http = true, ResetShare = 0.1, ResetWithinBytes = 3000, HttpErrorShare = 0.07, DelayShare = 0.03, Seed = seed, MaxFaults = 25,
        });
        var dir = Directory.CreateTempSubdirectory("rollout-faults-").FullName;
        try
        {
            var kubeconfig = standIn.WriteKubeconfig(dir);
            await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(kubeconfig)).Replace(standIn.BaseAddress.ToString().TrimEnd('/'), $"http://{proxy.Host}", StringComparison.Ordinal));
            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig));
            var progress = new ProgressLog();
            var web = DeploymentScript.Create(standIn, "shop", "web", RolloutScene.OldImage);
            var options = RolloutScene.For("deployment/shop/web");
            var wait = Task.Run(() => new RolloutWatcher(connection).WaitAsync(options, progress));

            await Task.WhenAny(standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments")), wait);
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
            web.Progress(updated: 1, available: 0);
            await Step(wait, progress, p => p.Workload is { Updated: 1, RunsExpectedImage: true });
            // Cut every stream once more between the last steps, on top of what the proxy does.
            standIn.DropWatches();
            web.Progress(updated: 2, available: 1);
            await Step(wait, progress, p => p.Workload is { Updated: 2 });
            web.Progress(updated: 3, available: 2);
            await Step(wait, progress, p => p.Workload is { Updated: 3 });
            web.Complete();

            var result = await wait;
            var watches = standIn.Requests.Count(r => r.IsWatchOf("deployments"));
            Assert.Equal("deployment \"web\" successfully rolled out", Assert.Single(result.Workloads).Message);
            Assert.True(watches >= 2, $"seed {seed}: the watch was never resumed ({proxy})");
            connection.Client.Dispose();
            return new SceneFigures(proxy.FaultsInjected, proxy.Count(FaultKind.Reset), proxy.Count(FaultKind.HttpError), proxy.Count(FaultKind.Delay), proxy.Connections, watches);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
