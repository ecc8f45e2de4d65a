using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.GitHub;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.PullRequests;

/// <summary>
/// Waiting for a promotion's pull request, through Octokit against the GitHub stand-in, whose merges are real commits in the
/// config repo served by git daemon: it ends with the merge commit once GitHub merges (by hand, auto-merge or the merge
/// queue, whose state it reports on the way), in one line when the pull request is closed unmerged, and at its bound.
/// </summary>
public sealed class WaitingForMerges(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>, IAsyncLifetime
{
    GitHubStandIn github = null!;

    public async Task InitializeAsync()
    {
        github = await GitHubStandIn.StartAsync();
        github.AddRepository("acme/config");
        github.AddToken("write-token", "acme/config");
    }

    public async Task DisposeAsync() => await github.DisposeAsync();

    async Task<(string Repo, PullRequestInfo Pull, PullRequestPublisher Publisher)> PromotionPullRequestAsync(AutoMergeMethod? autoMerge = null)
    {
        var name = "wm-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(name, new Dictionary<string, byte[]>
        {
            ["environments.yaml"] = Bytes("environments:\n  dev: {path: clusters/dev}\n  prod: {path: clusters/prod, pushMode: pull-request}\n"),
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        github.AddGitRepository("acme/config", git.Daemon.BarePath(name));
        var publisher = PullRequestPublisher.Create("write-token", github.BaseAddress);
        var settings = new ConfigRepoSettings(url) { GitHubRepository = "acme/config", AutoMerge = autoMerge };
        var change = await Open(url, settings: settings, pullRequests: publisher).PromoteAsync(new PromoteRequest(App, "dev", "prod"));
        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        return (name, change.PullRequest!, publisher);
    }

    [Fact]
    public async Task The_wait_ends_with_the_merge_commit_GitHub_made_on_the_base_branch()
    {
        github.Opened = pull => pull.MergeAfterPolls = 3;
        var (repo, pull, publisher) = await PromotionPullRequestAsync();
        var states = new List<string>();

        var merged = await publisher.WaitForMergeAsync("acme", "config", pull.Number, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), new SyncProgress(states));

        Assert.Equal((await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim(), merged.MergeCommit);
        Assert.Equal(3, merged.Polls);
        Assert.Equal(Deployment("app", App + ":5d6e7f8"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));
        Assert.Equal($"Merge pull request #{pull.Number} from acme/deploy/prod/app", (await git.Daemon.GitAsync(repo, "log", "-1", "--format=%s", "main")).Trim());
        Assert.Equal([$"#{pull.Number} open, merge state blocked"], states);
    }

    [Fact]
    public async Task Auto_merge_and_the_merge_queue_are_followed_until_GitHub_merges()
    {
        github.Opened = pull => (pull.QueueAfterPolls, pull.MergeAfterPolls) = (2, 4);
        var (repo, pull, publisher) = await PromotionPullRequestAsync(AutoMergeMethod.Squash);
        var states = new List<string>();

        var merged = await publisher.WaitForMergeAsync("acme", "config", pull.Number, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), new SyncProgress(states));

        Assert.Equal([$"#{pull.Number} open, auto-merge (squash) on, merge state blocked",
            $"#{pull.Number} open, auto-merge (squash) on, in the merge queue at position 1 (awaiting checks)"], states);
        Assert.Equal((await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim(), merged.MergeCommit);
        Assert.Equal("1", (await git.Daemon.GitAsync(repo, "rev-list", "--count", "--no-merges", "main~1..main")).Trim());
    }

    [Fact]
    public async Task A_pull_request_closed_without_a_merge_ends_the_wait_in_one_line()
    {
        github.Opened = pull => pull.CloseAfterPolls = 2;
        var (_, pull, publisher) = await PromotionPullRequestAsync();

        var closed = await Assert.ThrowsAsync<PullRequestClosedException>(() =>
            publisher.WaitForMergeAsync("acme", "config", pull.Number, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)));

        Assert.Equal($"pull request {pull.Url} was closed without being merged, so the promotion will not be applied; reopen and merge it, or promote again", closed.Message);
    }

    [Fact]
    public async Task A_pull_request_still_open_at_the_bound_ends_the_wait_with_its_state()
    {
        var (_, pull, publisher) = await PromotionPullRequestAsync();

        var open = await Assert.ThrowsAsync<PullRequestMergeTimeoutException>(() =>
            publisher.WaitForMergeAsync("acme", "config", pull.Number, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100)));

        Assert.Equal($"pull request {pull.Url} was not merged within 00:00:00.3000000 (open, merge state blocked); merge it (then run the wait again), or raise the merge timeout", open.Message);
    }

    sealed class SyncProgress(List<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Add(value);
    }
}
