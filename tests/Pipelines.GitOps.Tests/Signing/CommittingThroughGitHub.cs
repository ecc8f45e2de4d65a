using Octokit;
using Pipelines.Testing.GitHub;
using Pipelines.Testing.Signing;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>
/// Pull-request mode with the commit made by GitHub's git-data API (the GitHub stand-in, driven by Octokit, over the same
/// bare repository git daemon serves): GitHub makes and signs the commit, its tree is the very tree the local path pushes to
/// an identical twin repository, and only the changed file is uploaded. A pushed pull-request branch is signed with the key.
/// </summary>
public sealed class CommittingThroughGitHub(SigningScene scene) : IClassFixture<SigningScene>, IAsyncLifetime
{
    GitHubStandIn github = null!;

    public async Task InitializeAsync() => github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await github.DisposeAsync();

    /// <summary>A config repo known to the stand-in as <c>acme/&lt;name&gt;</c>, with a token that may write to it.</summary>
    async Task<(string Url, string Name, string FullName, PullRequestPublisher PullRequests)> RepositoryAsync()
    {
        var (url, name) = await scene.RepositoryAsync();
        var fullName = "acme/" + name;
        github.AddGitRepository(fullName, scene.Git.BarePath(name));
        github.AddToken("token-" + name, fullName);
        return (url, name, fullName, PullRequestPublisher.Create("token-" + name, github.BaseAddress));
    }

    static BumpRequest ProdBump(string tag) => new(ImageTarget.Create(App, tag)) { Environment = "prod", SourceCommit = tag + "cafe" };

    [Fact]
    public async Task GitHub_makes_and_signs_the_commit_with_the_tree_the_local_path_pushes()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo, fullName, pullRequests) = await RepositoryAsync();
        var (twinUrl, twin, twinName, twinPullRequests) = await RepositoryAsync();

        var change = await workspace.Open(url, null, s => s with { GitHubRepository = fullName, CommitThroughGitHub = true }, pullRequests).BumpAsync(ProdBump("5d6e7f8"));
        var local = await workspace.Open(twinUrl, null, s => s with { GitHubRepository = twinName }, twinPullRequests).BumpAsync(ProdBump("5d6e7f8"));

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        Assert.EndsWith(", verified by GitHub)", change.Summary);
        Assert.Equal(change.Commit, (await scene.Git.GitAsync(repo, "rev-parse", "deploy/prod/app")).Trim());
        // Equal tree ids are equal bytes: the same files, modes and names as the pushed local commit.
        Assert.Equal((await scene.Git.GitAsync(twin, "rev-parse", "deploy/prod/app^{tree}")).Trim(), (await scene.Git.GitAsync(repo, "rev-parse", "deploy/prod/app^{tree}")).Trim());
        Assert.Equal((await scene.Git.GitAsync(repo, "rev-parse", "main")).Trim(), (await scene.Git.GitAsync(repo, "rev-parse", "deploy/prod/app^")).Trim());
        Assert.Equal(await HeadMessageAsync(scene.Git, twin, "deploy/prod/app"), await HeadMessageAsync(scene.Git, repo, "deploy/prod/app"));
        Assert.Equal(local.Diff, change.Diff);
        var commit = await scene.Git.GitAsync(repo, "cat-file", "commit", "deploy/prod/app");
        Assert.Contains($"\nauthor {GitHubStandIn.AppLogin} <", commit, StringComparison.Ordinal);
        Assert.Contains("\ncommitter GitHub <noreply@github.com> ", commit, StringComparison.Ordinal);
        var verified = await new TestSigningKeys.Verification(scene.Git.BarePath(repo)).SshAsync(github.WebFlowAllowedSigners, "deploy/prod/app");
        Assert.True(verified.ExitCode == 0, verified.Output);
        List<string> requests;
        lock (github.GitDataRequests)
            requests = [.. github.GitDataRequests];
        var client = new GitHubClient(new ProductHeaderValue("tests"), github.BaseAddress) { Credentials = new Credentials("token-" + repo) };
        var seen = await client.Git.Commit.Get("acme", repo, change.Commit!);
        Assert.True(seen.Verification.Verified);
        Assert.Equal(VerificationReason.Valid, seen.Verification.Reason.Value);
        // Only the file the bump wrote is uploaded; the directories on its path are made in full, deepest first.
        Assert.Equal(["POST git/blobs", "POST git/trees", "POST git/trees", "POST git/trees", "POST git/commits", "GET git/refs/heads/deploy/prod/app", "POST git/refs"],
            requests);
        var pull = Assert.Single(github.PullRequests, p => p.Repository == repo);
        Assert.Equal(("deploy/prod/app", "main"), (pull.Head, pull.Base));
    }

    [Fact]
    public async Task A_second_change_moves_the_branch_to_a_new_commit_and_reuses_the_pull_request()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo, fullName, pullRequests) = await RepositoryAsync();
        var config = workspace.Open(url, null, s => s with { GitHubRepository = fullName, CommitThroughGitHub = true }, pullRequests);
        var first = await config.BumpAsync(ProdBump("5d6e7f8"));

        var second = await config.BumpAsync(ProdBump("6e7f8a9"));

        Assert.True(second.PullRequest!.Reused);
        Assert.NotEqual(first.Commit, second.Commit);
        Assert.Equal(second.Commit, (await scene.Git.GitAsync(repo, "rev-parse", "deploy/prod/app")).Trim());
        Assert.Equal(Deployment("app", App + ":6e7f8a9"), await scene.Git.GitAsync(repo, "show", "deploy/prod/app:clusters/prod/app.yaml"));
        lock (github.GitDataRequests)
            Assert.Contains("PATCH git/refs/heads/deploy/prod/app", github.GitDataRequests);
        Assert.Single(github.PullRequests, p => p.Repository == repo);
    }

    [Fact]
    public async Task With_a_key_the_pushed_changes_are_signed_by_it_and_the_pull_request_commit_by_GitHub()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo, fullName, pullRequests) = await RepositoryAsync();
        var config = workspace.Open(url, CommitSigningKey.From(scene.Keys.Ssh.PrivateKey, null),
            s => s with { GitHubRepository = fullName, CommitThroughGitHub = true }, pullRequests);

        var pushed = await config.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });
        var proposed = await config.BumpAsync(ProdBump("5d6e7f8"));

        Assert.Equal(ChangeOutcome.Pushed, pushed.Outcome);
        await scene.AssertSignedByAsync(scene.Keys.Ssh, repo);
        Assert.Equal(ChangeOutcome.PullRequest, proposed.Outcome);
        Assert.Contains("\ncommitter GitHub <noreply@github.com> ", await scene.Git.GitAsync(repo, "cat-file", "commit", "deploy/prod/app"), StringComparison.Ordinal);
        Assert.Empty(workspace.KeyDirectories);
    }

    [Fact]
    public async Task A_pushed_pull_request_branch_is_signed_with_the_key()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo, fullName, pullRequests) = await RepositoryAsync();

        var change = await workspace.Open(url, CommitSigningKey.From(null, scene.Keys.OpenPgpWithPassphrase.PrivateKeyFile, TestSigningKeys.Passphrase),
            s => s with { GitHubRepository = fullName }, pullRequests).BumpAsync(ProdBump("5d6e7f8"));

        Assert.Equal(ChangeOutcome.PullRequest, change.Outcome);
        await scene.AssertSignedByAsync(scene.Keys.OpenPgpWithPassphrase, repo, "deploy/prod/app");
        Assert.EndsWith($", signed with OpenPGP key {scene.Keys.OpenPgpWithPassphrase.Fingerprint})", change.Summary);
        lock (github.GitDataRequests)
            Assert.Empty(github.GitDataRequests);
    }
}
