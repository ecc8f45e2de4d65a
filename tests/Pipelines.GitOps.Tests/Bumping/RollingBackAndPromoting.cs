using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>Rollback reverts the newest bump with a new commit; Promote copies what one environment runs into another.</summary>
public sealed class RollingBackAndPromoting(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>
{
    async Task<(string Url, string Repo)> RepoAsync()
    {
        var repo = "rb-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(repo, new Dictionary<string, byte[]>
        {
            ["environments.yaml"] = Bytes("environments:\n  dev:\n    path: clusters/dev\n  prod:\n    path: clusters/prod\n    pushMode: push\n"),
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        return (url, repo);
    }

    [Fact]
    public async Task Rollback_reverts_the_newest_bump_even_with_unrelated_commits_after_it()
    {
        var (url, repo) = await RepoAsync();
        var repoHandle = Open(url);
        await repoHandle.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });
        var bump = (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim();
        await repoHandle.BumpAsync(new BumpRequest(ImageTarget.Create(App, "9f9f9f9")) { Environment = "dev" });
        await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["clusters/prod/other.yaml"] = Bytes(Deployment("other", "busybox:1.36")) }, "Unrelated change");
        var history = (await git.Daemon.GitAsync(repo, "rev-list", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var change = await repoHandle.RollbackAsync(new RollbackRequest(App) { Environment = "prod" });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(["clusters/prod/app.yaml"], change.Files.Select(f => f.Path));
        Assert.Equal(Deployment("app", App + ":1a2b3c4"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));
        // The image the revert restores, for the caller to wait for.
        Assert.Equal(new ImageReference(App, "1a2b3c4", null), change.Image);
        Assert.Equal(Deployment("app", App + ":9f9f9f9"), await ReadAsync(git.Daemon, repo, "clusters/dev/app.yaml"));
        Assert.Equal(Deployment("other", "busybox:1.36"), await ReadAsync(git.Daemon, repo, "clusters/prod/other.yaml"));
        // A new commit on top: history is not rewritten.
        Assert.Equal(history[0], (await git.Daemon.GitAsync(repo, "rev-parse", "main~1")).Trim());
        var message = await HeadMessageAsync(git.Daemon, repo);
        Assert.StartsWith("rollback(app): revert 5d6e7f8 [prod]\n", message);
        Assert.Contains("Reverts: " + bump + "\n", message);
    }

    [Fact]
    public async Task A_second_rollback_reverts_the_bump_before_and_then_there_is_none_left()
    {
        var (url, repo) = await RepoAsync();
        var repoHandle = Open(url);
        await repoHandle.BumpAsync(new BumpRequest(ImageTarget.Create(App, "2b2b2b2")) { Environment = "prod" });
        await repoHandle.BumpAsync(new BumpRequest(ImageTarget.Create(App, "3c3c3c3")) { Environment = "prod" });

        await repoHandle.RollbackAsync(new RollbackRequest(App) { Environment = "prod" });
        Assert.Equal(Deployment("app", App + ":2b2b2b2"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));
        await repoHandle.RollbackAsync(new RollbackRequest(App) { Environment = "prod" });
        Assert.Equal(Deployment("app", App + ":1a2b3c4"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));

        var refs = await git.Daemon.RefsAsync(repo);
        var error = await Assert.ThrowsAsync<BumpNotFoundException>(() => repoHandle.RollbackAsync(new RollbackRequest(App) { Environment = "prod" }));
        Assert.Contains("in environment 'prod'", error.Message);
        Assert.Equal(refs, await git.Daemon.RefsAsync(repo));
    }

    [Fact]
    public async Task Rollback_to_a_tag_bumps_back_to_it()
    {
        var (url, repo) = await RepoAsync();
        await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        var change = await Open(url).RollbackAsync(new RollbackRequest(App) { Environment = "prod", ToTag = "0a0a0a0" });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(Deployment("app", App + ":0a0a0a0"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));
        Assert.Equal(new ImageReference(App, "0a0a0a0", null), change.Image);
        Assert.StartsWith("rollback(app): 5d6e7f8 → 0a0a0a0 [prod]\n", await HeadMessageAsync(git.Daemon, repo));
    }

    [Fact]
    public async Task Promote_copies_the_reference_dev_runs_into_prod()
    {
        var (url, repo) = await RepoAsync();
        await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8", DigestB)) { Environment = "dev" });
        await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8@" + DigestB)) }, "Pin dev by digest");

        var change = await Open(url).PromoteAsync(new PromoteRequest(App, "dev", "prod"));

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(Deployment("app", App + ":5d6e7f8"), await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml"));
        var message = await HeadMessageAsync(git.Daemon, repo);
        Assert.StartsWith("promote(app): 1a2b3c4 → 5d6e7f8 [prod]\n", message);
        Assert.Contains("Promoted-From: dev\n", message);
        Assert.Contains("Image-Digest: " + DigestB + "\n", message);
        Assert.Equal(new ImageReference(App, "5d6e7f8", DigestB), change.Image);

        // Promoting again changes nothing, and still says which image prod runs (for WaitPromotion).
        var again = await Open(url).PromoteAsync(new PromoteRequest(App, "dev", "prod"));
        Assert.Equal(ChangeOutcome.AlreadyCurrent, again.Outcome);
        Assert.Null(again.Commit);
        Assert.Equal(new ImageReference(App, "5d6e7f8", DigestB), again.Image);
    }

    [Fact]
    public async Task Promote_from_an_unknown_environment_is_refused()
    {
        var (url, repo) = await RepoAsync();
        var refs = await git.Daemon.RefsAsync(repo);

        var error = await Assert.ThrowsAsync<UnknownEnvironmentException>(() => Open(url).PromoteAsync(new PromoteRequest(App, "qa", "prod")));

        Assert.Contains("'qa'", error.Message);
        Assert.Equal(refs, await git.Daemon.RefsAsync(repo));
    }
}
