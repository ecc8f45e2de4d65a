using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>Bumps against bare repositories served by a real git daemon.</summary>
public sealed class BumpingTheConfigRepo(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>
{
    [Fact]
    public async Task A_bump_pushes_one_commit_whose_files_match_the_expected_bytes()
    {
        var url = await git.Daemon.CreateRepositoryFromFolderAsync("shapes", TestTrees.Data("shapes", "original"));
        var before = (await git.Daemon.GitAsync("shapes", "rev-parse", "main")).Trim();

        var change = await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8", DigestB))
        {
            SourceCommit = "5d6e7f8aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            BuildUrl = "https://ci.example.com/job/42",
        });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(change.Commit, (await git.Daemon.GitAsync("shapes", "rev-parse", "main")).Trim());
        Assert.Equal(before, (await git.Daemon.GitAsync("shapes", "rev-parse", "main~1")).Trim());
        var work = await git.Daemon.CloneAsync("shapes");
        try
        {
            TestTrees.AssertMatches(work, TestTrees.Data("shapes", "original"), TestTrees.Data("shapes", "expected"));
        }
        finally
        {
            TestTrees.Delete(work);
        }
        var message = await HeadMessageAsync(git.Daemon, "shapes");
        Assert.StartsWith("deploy(app): 1a2b3c4 → 5d6e7f8\n\n", message);
        Assert.Contains("Image-Repository: " + App + "\n", message);
        Assert.Contains("Image-Digest: " + DigestB + "\n", message);
        Assert.Contains("Source-Commit: 5d6e7f8aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", message);
        Assert.Contains("Build-Url: https://ci.example.com/job/42\n", message);
    }

    [Fact]
    public async Task A_config_already_at_the_image_gets_no_commit()
    {
        var url = await git.Daemon.CreateRepositoryAsync("current", new Dictionary<string, byte[]>
        {
            ["apps/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")),
        });
        var refs = await git.Daemon.RefsAsync("current");

        var change = await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")));

        Assert.Equal(ChangeOutcome.AlreadyCurrent, change.Outcome);
        Assert.Contains("already points at that image", change.Summary);
        Assert.Null(change.Commit);
        Assert.Equal(refs, await git.Daemon.RefsAsync("current"));
    }

    [Fact]
    public async Task An_environment_selects_its_folder_and_names_itself_in_the_commit()
    {
        var url = await git.Daemon.CreateRepositoryAsync("envs", new Dictionary<string, byte[]>
        {
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });

        var change = await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" });

        Assert.Equal("prod", change.Environment?.Name);
        Assert.Equal(["clusters/prod/app.yaml"], change.Files.Select(f => f.Path));
        Assert.Contains("image: " + App + ":1a2b3c4", await ReadAsync(git.Daemon, "envs", "clusters/dev/app.yaml"));
        Assert.Contains("image: " + App + ":5d6e7f8", await ReadAsync(git.Daemon, "envs", "clusters/prod/app.yaml"));
        var message = await HeadMessageAsync(git.Daemon, "envs");
        Assert.StartsWith("deploy(app): 1a2b3c4 → 5d6e7f8 [prod]\n", message);
        Assert.Contains("Environment: prod\n", message);
    }

    [Fact]
    public async Task A_dry_run_returns_the_diff_and_changes_nothing()
    {
        var url = await git.Daemon.CreateRepositoryAsync("dry", new Dictionary<string, byte[]>
        {
            ["app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        var refs = await git.Daemon.RefsAsync("dry");

        var change = await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { DryRun = true });

        Assert.Equal(ChangeOutcome.DryRun, change.Outcome);
        Assert.Contains("+        image: " + App + ":5d6e7f8", change.Diff);
        Assert.Contains("-        image: " + App + ":1a2b3c4", change.Diff);
        Assert.Equal(refs, await git.Daemon.RefsAsync("dry"));
    }

    [Fact]
    public async Task A_local_path_works_like_a_url()
    {
        await git.Daemon.CreateRepositoryAsync("local", new Dictionary<string, byte[]>
        {
            ["app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });

        var change = await Open(git.Daemon.BarePath("local")).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")));

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Contains(App + ":5d6e7f8", await ReadAsync(git.Daemon, "local", "app.yaml"));
    }
}
