using System.Globalization;
using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.Faults;
using Pipelines.Tooling;
using Xunit.Abstractions;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>Two pipelines bumping one image in one environment: an image built from an older commit of the branch never replaces a newer one.</summary>
public sealed class OrderingBumpsOfOneImage(GitDaemonFixture git, ITestOutputHelper output) : IClassFixture<GitDaemonFixture>
{
    static readonly ProcessRunner Git = new(new SecretMasker(), TextWriter.Null);

    /// <summary>An app repository with three commits on main, one minute apart: (sha, committer time), oldest first.</summary>
    static async Task<List<(string Sha, DateTimeOffset Time)>> AppHistoryAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "pipelines-app-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            await Git.RunAsync("git", ["init", "--quiet", "--initial-branch", "main"], work, quiet: true, noEcho: true);
            for (var i = 1; i <= 3; i++)
            {
                var when = $"2026-11-27T06:0{i}:00Z";
                await Git.RunAsync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "--allow-empty", "-m", $"change {i}"],
                    work, new Dictionary<string, string?> { ["GIT_COMMITTER_DATE"] = when, ["GIT_AUTHOR_DATE"] = when }, quiet: true, noEcho: true);
            }
            var log = (await Git.RunAsync("git", ["log", "--reverse", "--format=%H %cI"], work, quiet: true, noEcho: true)).StandardOutput;
            return log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
                .Select(p => (p[0], DateTimeOffset.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        }
        finally
        {
            TestTrees.Delete(work);
        }
    }

    static BumpRequest Bump((string Sha, DateTimeOffset Time) commit, string branch = "main") =>
        new(ImageTarget.Create(App, commit.Sha[..7])) { SourceCommit = commit.Sha, SourceCommitTime = commit.Time, SourceBranch = branch };

    [Fact]
    public async Task An_image_from_an_older_commit_does_not_replace_a_newer_one()
    {
        var app = await AppHistoryAsync();
        var url = await git.Daemon.CreateRepositoryAsync("ordered", new Dictionary<string, byte[]> { ["app.yaml"] = Bytes(Deployment("app", App + ":0000000")) });

        Assert.Equal(ChangeOutcome.Pushed, (await Open(url).BumpAsync(Bump(app[2]))).Outcome);
        var late = await Open(url).BumpAsync(Bump(app[1]));

        Assert.Equal(ChangeOutcome.Superseded, late.Outcome);
        Assert.Null(late.Commit);
        Assert.Equal($"config already runs {app[2].Sha[..7]} built from a newer commit {app[2].Sha[..7]} (2026-11-27T06:03:00Z); not replacing it with {app[1].Sha[..7]} from {app[1].Sha[..7]} (2026-11-27T06:02:00Z)", late.Summary);
        Assert.Equal(Deployment("app", $"{App}:{app[2].Sha[..7]}"), await ReadAsync(git.Daemon, "ordered", "app.yaml"));
        // Another branch (a hotfix) cannot be ordered against main by time: it goes ahead.
        Assert.Equal(ChangeOutcome.Pushed, (await Open(url).BumpAsync(Bump(app[0], "hotfix"))).Outcome);
    }

    [Fact]
    public async Task Bumps_of_three_commits_at_once_always_end_on_the_newest()
    {
        var app = await AppHistoryAsync();
        int pushed = 0, superseded = 0, rounds = 4;
        for (var round = 0; round < rounds; round++)
        {
            var name = $"race{round}";
            var url = await git.Daemon.CreateRepositoryAsync(name, new Dictionary<string, byte[]> { ["app.yaml"] = Bytes(Deployment("app", App + ":0000000")) });
            var settings = new ConfigRepoSettings(url) { RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) };
            using var start = new ManualResetEventSlim();
            // A different start order each round; whichever lands first, the newest commit's image is what stays.
            var order = round % 2 == 0 ? app : Enumerable.Reverse(app).ToList();
            var runs = order.Select(c => Task.Run(async () =>
            {
                start.Wait();
                return await Open(url, settings: settings).BumpAsync(Bump(c));
            })).ToList();
            start.Set();
            var changes = await Task.WhenAll(runs);
            Assert.All(changes, c => Assert.Contains(c.Outcome, new[] { ChangeOutcome.Pushed, ChangeOutcome.Superseded }));
            pushed += changes.Count(c => c.Outcome == ChangeOutcome.Pushed);
            superseded += changes.Count(c => c.Outcome == ChangeOutcome.Superseded);

            Assert.Equal(Deployment("app", $"{App}:{app[2].Sha[..7]}"), await ReadAsync(git.Daemon, name, "app.yaml"));
            // Along the history the running commit time never goes backwards.
            var times = (await git.Daemon.GitAsync(name, "log", "--reverse", "--format=%(trailers:key=Source-Commit-Time,valueonly,separator=)", "main"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            Assert.Equal(times.Order(StringComparer.Ordinal), times);
            Assert.Equal(changes.Count(c => c.Outcome == ChangeOutcome.Pushed), times.Count);
        }
        HardeningFigures.Record(output, "races", "bump-same-image-ordering", ("runs", rounds * app.Count), ("landed", pushed), ("superseded", superseded), ("succeeded", pushed + superseded));
    }
}
