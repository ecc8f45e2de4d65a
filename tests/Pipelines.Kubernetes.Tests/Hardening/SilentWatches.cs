using System.Diagnostics;
using Pipelines.Testing.Faults;
using Pipelines.Testing.Kubernetes;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Hardening;

/// <summary>
/// A server that answers a watch's headers and then goes silent (no events, no bookmarks, no end): the watch is given up when
/// it has been silent past its window plus the request timeout, resumed, and the wait fails in one line once the outage
/// tolerance passes, instead of waiting on a dead stream until the overall timeout.
/// </summary>
public sealed class SilentWatches(ITestOutputHelper output)
{
    [Fact]
    public async Task A_watch_that_goes_silent_after_its_headers_is_given_up_within_its_bounds()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        DeploymentScript.Create(standIn, "shop", "web", RolloutScene.OldImage);
        standIn.StallWatches();
        var dir = Directory.CreateTempSubdirectory("silent-watch-").FullName;
        try
        {
            var options = new KubernetesConnectionOptions(standIn.WriteKubeconfig(dir))
            {
                RequestTimeout = TimeSpan.FromSeconds(1), WatchWindow = TimeSpan.FromSeconds(1),
            };
            var connection = ClusterConnection.Open(options);
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ClusterAccessException>(() =>
                new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web") with { ApiOutageTolerance = TimeSpan.FromSeconds(3) }));
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.Matches(@"^the Kubernetes API at http://127\.0\.0\.1:\d+/ went silent for 00:00:02 in the middle of its answer to GET /api", error.Message);
            Assert.EndsWith("or raise the API request timeout if it is only slow", error.Message);
            Assert.InRange(seconds, 3, 40);
            var watches = standIn.Requests.Where(r => r.IsWatch).ToList();
            Assert.True(watches.Count >= 2, "the silent watch was not resumed");
            Assert.All(watches, w => Assert.Equal("1", w.Query["timeoutSeconds"]));
            HardeningFigures.Record(output, "hostile", "cluster/watch-goes-silent", ("tried", 1), ("handled", 1), ("seconds", Math.Round(seconds, 1)),
                ("watches", watches.Count));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
