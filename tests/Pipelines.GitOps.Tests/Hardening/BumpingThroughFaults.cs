using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>Bumps through a proxy that resets a fifth of git connections mid-transfer land exactly once each.</summary>
public sealed class BumpingThroughFaults(GitDaemonFixture git, ITestOutputHelper output) : IClassFixture<GitDaemonFixture>
{
    [Fact]
    public async Task Bumps_through_resets_and_delays_land_exactly_once()
    {
        var files = Enumerable.Range(0, 4).ToDictionary(i => $"apps/svc{i}.yaml", i => Bytes(Deployment($"svc{i}", $"registry.example.com/team/svc{i}:0000000")));
        await git.Daemon.CreateRepositoryAsync("faulty", files);
        await using var proxy = FaultProxy.Start("127.0.0.1", git.Daemon.Port,
            new FaultPlan { ResetShare = 0.15, ResetWithinBytes = 3000, DelayShare = 0.05, Delay = TimeSpan.FromMilliseconds(100), Seed = 8, MaxFaults = 40 });
        var settings = new ConfigRepoSettings($"git://{proxy.Host}/faulty.git")
        {
            MaxPushAttempts = 8, RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };

        // Different images, and the same image moving through several tags.
        var bumps = Enumerable.Range(0, 4).Select(i => ($"registry.example.com/team/svc{i}", $"1a2b3c{i}"))
            .Concat(Enumerable.Range(1, 4).Select(i => ("registry.example.com/team/svc0", $"7e7e7e{i}"))).ToList();
        var landed = 0;
        var attempts = 0;
        foreach (var (repository, tag) in bumps)
        {
            var change = await Open(settings.Url, settings: settings).BumpAsync(new BumpRequest(ImageTarget.Create(repository, tag)) { SourceCommit = null });
            Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
            Assert.InRange(change.Attempts, 1, settings.MaxPushAttempts);
            attempts += change.Attempts;
            landed++;
        }

        var log = await git.Daemon.GitAsync("faulty", "log", "--format=%(trailers:key=Image-Tag,valueonly)%x1e", "main");
        var tags = log.Split('\x1e', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        HardeningFigures.Record(output, "faults", "gitops-bump", ("faultsInjected", proxy.FaultsInjected), ("resets", proxy.Count(FaultKind.Reset)),
            ("delays", proxy.Count(FaultKind.Delay)), ("connections", proxy.Connections), ("runs", bumps.Count), ("attempts", attempts), ("succeeded", landed), ("landed", tags.Length));

        Assert.True(proxy.FaultsInjected > 0, "the proxy injected no fault; the plan is too gentle to prove anything");
        Assert.Equal(bumps.Select(b => b.Item2).Order(), tags.Order());
        Assert.Equal("registry.example.com/team/svc0:7e7e7e4", (await ReadAsync(git.Daemon, "faulty", "apps/svc0.yaml")).Split("image: ")[1].Trim());
        Assert.Equal("", (await git.Daemon.GitAsync("faulty", "fsck", "--strict", "--no-dangling", "--no-progress")).Trim());
    }
}
