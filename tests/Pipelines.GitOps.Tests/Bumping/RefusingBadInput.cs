using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>Every refused input gives one line naming the input, and leaves the remote exactly as it was.</summary>
public sealed class RefusingBadInput(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>
{
    async Task<(string Url, string Repo)> RepoAsync(Dictionary<string, byte[]>? extra = null)
    {
        var repo = "bad-" + Guid.NewGuid().ToString("N")[..6];
        var files = new Dictionary<string, byte[]>
        {
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4@" + DigestA)),
        };
        foreach (var (k, v) in extra ?? [])
            files[k] = v;
        return (await git.Daemon.CreateRepositoryAsync(repo, files), repo);
    }

    async Task<T> RefusedAsync<T>(string repo, Func<Task> bump) where T : GitOpsException
    {
        var refs = await git.Daemon.RefsAsync(repo);
        var error = await Assert.ThrowsAsync<T>(bump);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(refs, await git.Daemon.RefsAsync(repo));
        return error;
    }

    [Fact]
    public async Task Malformed_yaml_that_mentions_the_image()
    {
        var (url, repo) = await RepoAsync(new() { ["clusters/dev/broken.yaml"] = Bytes("kind: Pod\nspec:\n  containers:\n  - image: " + App + ":1\n    x: [\n") });

        var error = await RefusedAsync<ManifestParseException>(repo, () => Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" }));

        Assert.StartsWith("clusters/dev/broken.yaml:", error.Message);
    }

    [Fact]
    public async Task Malformed_yaml_that_does_not_mention_the_image_is_ignored()
    {
        var (url, _) = await RepoAsync(new() { ["clusters/dev/other.yaml"] = Bytes("this: [is: broken\n") });

        var change = await Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
    }

    [Fact]
    public async Task Unknown_environment()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<UnknownEnvironmentException>(repo, () => Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "staging" }));

        Assert.Equal("environment 'staging' is not an environment of the config repo (known: dev, prod); pass one of the known names or add it to environments.yaml", error.Message);
    }

    [Fact]
    public async Task Image_missing_from_the_registry()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<ImageNotFoundException>(repo, () => Open(url, images: new KnownImages(App + ":1a2b3c4")).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8"))));

        Assert.Contains("'" + App + ":5d6e7f8' was not found in the registry", error.Message);
    }

    [Fact]
    public async Task Tag_latest()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<InvalidInputException>(repo, () => Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "latest"))));

        Assert.Equal("image tag 'latest' is refused: tags must be immutable; pass a commit SHA", error.Message);
    }

    [Fact]
    public async Task Digest_pinned_reference_without_a_digest()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<DigestRequiredException>(repo, () => Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "prod" }));

        Assert.StartsWith("clusters/prod/app.yaml:10 pins", error.Message);
    }

    [Fact]
    public async Task Config_path_that_does_not_exist()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<ConfigPathNotFoundException>(repo, () => Open(url).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { ConfigPath = "clusters/qa" }));

        Assert.StartsWith("config path 'clusters/qa' does not exist on branch 'main'", error.Message);
    }

    [Fact]
    public async Task Branch_that_does_not_exist()
    {
        var (url, repo) = await RepoAsync();

        var error = await RefusedAsync<ConfigRepoAccessException>(repo, () => Open(url, settings: new ConfigRepoSettings(url) { Branch = "nope" })
            .BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8"))));

        Assert.Contains("could not be cloned at branch 'nope'", error.Message);
    }
}
