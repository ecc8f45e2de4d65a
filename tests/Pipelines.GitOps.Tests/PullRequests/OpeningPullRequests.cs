using Octokit;
using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.GitHub;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.PullRequests;

/// <summary>Pull-request mode against the GitHub stand-in, driven by Octokit, with the branch pushed to git daemon.</summary>
public sealed class OpeningPullRequests(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>, IAsyncLifetime
{
    GitHubStandIn github = null!;

    public async Task InitializeAsync()
    {
        github = await GitHubStandIn.StartAsync();
        github.AddRepository("acme/config");
        github.AddToken("write-token", "acme/config");
        github.AddToken("read-token", "acme/config", canWrite: false);
    }

    public async Task DisposeAsync() => await github.DisposeAsync();

    async Task<(ConfigRepo Repo, string Name)> RepoAsync(string token = "write-token", AutoMergeMethod? autoMerge = null)
    {
        var name = "pr-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(name, new Dictionary<string, byte[]>
        {
            ["environments.yaml"] = Bytes("environments:\n  dev: {path: clusters/dev}\n  prod: {path: clusters/prod, pushMode: pull-request}\n"),
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        var settings = new ConfigRepoSettings(url) { GitHubRepository = "acme/config", AutoMerge = autoMerge };
        return (Open(url, settings: settings, pullRequests: PullRequestPublisher.Create(token, github.BaseAddress)), name);
    }

    [Fact]
    public async Task An_environment_that_asks_for_pull_requests_gets_one_with_the_diff_and_labels()
    {
        var (repo, name) = await RepoAsync();
        var main = await git.Daemon.RefsAsync(name);

        var change = await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod", SourceCommit = "5d6e7f8cafe" });

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        var pull = Assert.Single(github.PullRequests);
        Assert.Equal(change.PullRequest!.Number, pull.Number);
        Assert.False(change.PullRequest.Reused);
        Assert.Equal(("deploy/prod/app", "main"), (pull.Head, pull.Base));
        Assert.Equal("deploy(app): 1a2b3c4 → 5d6e7f8 [prod]", pull.Title);
        Assert.Contains("Source commit: 5d6e7f8cafe", pull.Body);
        Assert.Contains("```diff", pull.Body);
        Assert.Contains("+        image: " + App + ":5d6e7f8", pull.Body);
        Assert.Equal(["deploy", "env:prod"], pull.Labels);
        Assert.Contains("refs/heads/main " + main.Split(' ')[1].Trim(), await git.Daemon.RefsAsync(name));
        Assert.Equal(change.Commit, (await git.Daemon.GitAsync(name, "rev-parse", "deploy/prod/app")).Trim());
    }

    [Fact]
    public async Task A_second_bump_for_the_same_environment_and_image_reuses_the_open_pull_request()
    {
        var (repo, name) = await RepoAsync();
        await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        var change = await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "6e7f8a9")) { Environment = "prod" });

        Assert.True(change.PullRequest!.Reused);
        var pull = Assert.Single(github.PullRequests);
        Assert.Equal(1, pull.Updates);
        Assert.Equal("deploy(app): 1a2b3c4 → 6e7f8a9 [prod]", pull.Title);
        Assert.Equal(["deploy", "env:prod"], pull.Labels);
        Assert.Equal(change.Commit, (await git.Daemon.GitAsync(name, "rev-parse", "deploy/prod/app")).Trim());
    }

    [Fact]
    public async Task Promotion_into_an_environment_that_asks_for_pull_requests_opens_one()
    {
        var (repo, _) = await RepoAsync();

        var change = await repo.PromoteAsync(new PromoteRequest(App, "dev", "prod"));

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        Assert.Equal("promote(app): 1a2b3c4 → 5d6e7f8 [prod]", Assert.Single(github.PullRequests).Title);
    }

    [Fact]
    public async Task A_read_only_token_is_refused_in_one_line()
    {
        var (repo, _) = await RepoAsync("read-token");

        var error = await Assert.ThrowsAsync<GitHubAccessException>(() => repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" }));

        Assert.StartsWith("GitHub token may not open pull requests on acme/config (403", error.Message);
        Assert.Empty(github.PullRequests);
    }

    [Fact]
    public async Task A_bad_token_is_refused_in_one_line()
    {
        var (repo, _) = await RepoAsync("nonsense");

        var error = await Assert.ThrowsAsync<GitHubAccessException>(() => repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" }));

        Assert.Equal("GitHub token was refused by GitHub (401 Bad credentials); pass a valid token for the config repo", error.Message);
    }

    [Fact]
    public async Task The_stand_in_answers_octokit_like_github()
    {
        var client = new GitHubClient(new ProductHeaderValue("tests"), github.BaseAddress) { Credentials = new Credentials("write-token") };

        var repository = await client.Repository.Get("acme", "config");
        var created = await client.PullRequest.Create("acme", "config", new NewPullRequest("t", "feature", "main") { Body = "b" });
        var open = await client.PullRequest.GetAllForRepository("acme", "config", new PullRequestRequest { Head = "acme:feature", Base = "main" });
        var none = await client.PullRequest.GetAllForRepository("acme", "config", new PullRequestRequest { Head = "acme:other" });
        var labels = await client.Issue.Labels.AddToIssue("acme", "config", created.Number, ["a", "b"]);
        var anonymous = new GitHubClient(new ProductHeaderValue("tests"), github.BaseAddress) { Credentials = new Credentials("wrong") };

        Assert.Equal("acme/config", repository.FullName);
        Assert.True(repository.Permissions.Push);
        Assert.Equal(ItemState.Open, created.State.Value);
        Assert.Equal("feature", Assert.Single(open).Head.Ref);
        Assert.Empty(none);
        Assert.Equal(["a", "b"], labels.Select(l => l.Name));
        await Assert.ThrowsAsync<AuthorizationException>(() => anonymous.Repository.Get("acme", "config"));
        await Assert.ThrowsAsync<NotFoundException>(() => client.Repository.Get("acme", "secret"));
        await Assert.ThrowsAsync<ApiValidationException>(() => client.PullRequest.Create("acme", "config", new NewPullRequest("t", "feature", "main")));
    }

    [Fact]
    public async Task Auto_merge_is_turned_on_for_a_pull_request_that_waits_for_checks()
    {
        var (repo, _) = await RepoAsync(autoMerge: AutoMergeMethod.Squash);

        var change = await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        var pull = Assert.Single(github.PullRequests);
        Assert.Equal("SQUASH", pull.AutoMergeMethod);
        Assert.Null(pull.MergedWith);
        Assert.Equal("enabled", change.PullRequest!.AutoMerge);
        Assert.Null(change.PullRequest.MergeCommit);
        Assert.EndsWith("(pull request #1, auto-merge enabled)", change.Summary);
    }

    [Fact]
    public async Task A_pull_request_with_nothing_pending_is_merged_at_once_and_the_merge_commit_is_the_change()
    {
        github.RequiresChecks = false;
        var (repo, _) = await RepoAsync(autoMerge: AutoMergeMethod.Rebase);

        var change = await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        var pull = Assert.Single(github.PullRequests);
        Assert.Equal(("rebase", "closed"), (pull.MergedWith, pull.State));
        Assert.Equal("merged", change.PullRequest!.AutoMerge);
        // What Flux will apply is the merge commit on the config branch, not the pull request's own commit.
        Assert.Equal(change.PullRequest.MergeCommit, change.Commit);
        Assert.Equal("main", change.Branch);
    }

    [Fact]
    public async Task A_repository_without_auto_merge_keeps_the_pull_request_open_and_says_why()
    {
        github.AutoMergeAllowed = false;
        var (repo, _) = await RepoAsync(autoMerge: AutoMergeMethod.Merge);

        var change = await repo.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        var pull = Assert.Single(github.PullRequests);
        Assert.Equal(("open", null, null), (pull.State, pull.AutoMergeMethod, pull.MergedWith));
        Assert.Equal("refused by GitHub (Pull request Auto merge is not allowed for this repository); allow auto-merge in the repository's settings or merge #1 by hand",
            change.PullRequest!.AutoMerge);
        Assert.DoesNotContain('\n', change.Summary);
    }
}
