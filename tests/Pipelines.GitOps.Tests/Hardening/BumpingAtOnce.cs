using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>Fifty bumps of one config repo at once: each lands or fails in one line; none is lost; the repository stays sound.</summary>
public sealed class BumpingAtOnce(GitDaemonFixture git, ITestOutputHelper output) : IClassFixture<GitDaemonFixture>
{
    const int Runs = 50;
    const int Distinct = 25;

    [Fact]
    public async Task Fifty_bumps_at_once_land_or_fail_clearly_and_lose_nothing()
    {
        var files = Enumerable.Range(0, Distinct).ToDictionary(i => $"apps/svc{i:00}.yaml", i => Bytes(Deployment($"svc{i:00}", $"registry.example.com/team/svc{i:00}:0000000")));
        files["apps/shared.yaml"] = Bytes(Deployment("shared", "registry.example.com/team/shared:0000000"));
        var url = await git.Daemon.CreateRepositoryAsync("crowded", files);
        var settings = new ConfigRepoSettings(url) { MaxPushAttempts = 40, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(500) };

        // Half bump 25 different images; the other half bump one shared image, each with its own tag.
        var requests = Enumerable.Range(0, Runs).Select(i => i < Distinct
            ? ImageTarget.Create($"registry.example.com/team/svc{i:00}", $"1a2b{i:000}")
            : ImageTarget.Create("registry.example.com/team/shared", $"5e5e{i:000}")).ToList();
        using var start = new ManualResetEventSlim();
        var runs = requests.Select(image => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return (Image: image, Change: (ConfigChange?)await Open(url, settings: settings).BumpAsync(new BumpRequest(image)), Error: (Exception?)null);
            }
            catch (GitOpsException e)
            {
                return (image, null, e);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(runs);

        var landed = results.Where(r => r.Change?.Outcome == ChangeOutcome.Pushed).ToList();
        var failed = results.Where(r => r.Error is not null).ToList();
        var log = (await git.Daemon.GitAsync("crowded", "log", "--format=%H %(trailers:key=Image-Tag,valueonly,separator=)", "main"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && p[1].Length > 0).ToList();
        HardeningFigures.Record(output, "races", "bump-50-at-once", ("runs", Runs), ("succeeded", landed.Count), ("failed", failed.Count),
            ("landed", log.Count), ("attempts", results.Sum(r => r.Change?.Attempts ?? settings.MaxPushAttempts)),
            ("maxAttempts", results.Max(r => r.Change?.Attempts ?? settings.MaxPushAttempts)));

        // Every run either landed or failed with one line; nothing is left in between.
        Assert.Equal(Runs, landed.Count + failed.Count);
        Assert.All(failed, f => Assert.DoesNotContain('\n', f.Error!.Message));
        // Each landed run is exactly one commit, with its own tag; no commit appears for a run that failed.
        Assert.Equal(landed.Select(r => r.Image.Tag).Order(), log.Select(p => p[1]).Order());
        Assert.Equal(landed.Select(r => r.Change!.Commit).Order(), log.Select(p => p[0]).Order());
        // No lost update: every distinct image that landed is in the tree, the shared one holds the newest landed commit's tag.
        var work = await git.Daemon.CloneAsync("crowded");
        try
        {
            foreach (var r in landed.Where(r => r.Image.Repository.Contains("/svc", StringComparison.Ordinal)))
                Assert.Equal(Deployment(r.Image.Repository.Split('/')[^1], r.Image.Reference.ToString()), await File.ReadAllTextAsync(Path.Combine(work, $"apps/{r.Image.Repository.Split('/')[^1]}.yaml")));
            var newestShared = log.First(p => p[1].StartsWith("5e5e", StringComparison.Ordinal))[1];
            Assert.Equal(Deployment("shared", $"registry.example.com/team/shared:{newestShared}"), await File.ReadAllTextAsync(Path.Combine(work, "apps/shared.yaml")));
        }
        finally
        {
            TestTrees.Delete(work);
        }
        Assert.Equal((log.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (await git.Daemon.GitAsync("crowded", "rev-list", "--count", "main")).Trim());
        Assert.Equal("", (await git.Daemon.GitAsync("crowded", "fsck", "--strict", "--no-dangling", "--no-progress")).Trim());
    }
}
