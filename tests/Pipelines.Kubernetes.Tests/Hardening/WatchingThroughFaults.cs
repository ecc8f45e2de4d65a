using Pipelines.Testing.Faults;
using Pipelines.Testing.Kubernetes;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Hardening;

/// <summary>WaitRollout through a proxy that cuts watch streams, fails requests with 500/503/429 and delays others.</summary>
public sealed class WatchingThroughFaults(ITestOutputHelper output)
{
    /// <summary>Waits for a progress report, or for the wait to end early (then its error surfaces at <c>await wait</c>).</summary>
    static async Task Step(Task wait, ProgressLog progress, Func<RolloutProgress, bool> match) => await Task.WhenAny(progress.WaitFor(match), wait);

    static int SeedFromEnvironment() => int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), out var s) ? s : 3;

    [Fact]
    public async Task Watches_resume_through_resets_and_errors_without_missing_the_completion()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        standIn.BookmarkInterval = TimeSpan.FromMilliseconds(200);
        await using var proxy = FaultProxy.Start(standIn.BaseAddress.Host, standIn.BaseAddress.Port, new FaultPlan
        {
            Http = true, ResetShare = 0.1, ResetWithinBytes = 3000, HttpErrorShare = 0.07, DelayShare = 0.03, Seed = SeedFromEnvironment(), MaxFaults = 25,
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

            await standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments"));
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
            HardeningFigures.Record(output, "faults", "rollout-watch", ("faultsInjected", proxy.FaultsInjected), ("resets", proxy.Count(FaultKind.Reset)),
                ("httpErrors", proxy.Count(FaultKind.HttpError)), ("delays", proxy.Count(FaultKind.Delay)), ("requests", proxy.Connections),
                ("watchesOpened", watches), ("succeeded", 1), ("landed", result.Workloads.Count));
            Assert.Equal("deployment \"web\" successfully rolled out", Assert.Single(result.Workloads).Message);
            Assert.True(proxy.FaultsInjected > 0, proxy.ToString());
            Assert.True(watches >= 2, $"the watch was never resumed ({proxy})");
            connection.Client.Dispose();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
