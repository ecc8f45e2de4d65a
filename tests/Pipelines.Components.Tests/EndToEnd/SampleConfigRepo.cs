using Pipelines.Testing.Git;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// The sample app's config repo on git daemon as InitConfigRepo scaffolds it, and a bump into it: where the end-to-end
/// stories that promote, verify or roll back start.
/// </summary>
static class SampleConfigRepo
{
    /// <summary>The sample app's name.</summary>
    public const string AppName = "gitops-app-demo";

    /// <summary>The image repository the stories bump.</summary>
    public const string Repository = "registry.example/gitops-app-demo";

    /// <summary>Runs a build in-process in an app root (<see cref="ReleaseBuild"/>, <see cref="VerifyingBuild"/>).</summary>
    public delegate Task<(int ExitCode, string Output, string Error)> Build(string root, params string[] args);

    /// <summary>Creates the repository <c>config</c> on <paramref name="git"/> and scaffolds it; returns its URL.</summary>
    public static async Task<string> CreateAsync(GitDaemon git, string appRoot, Build run)
    {
        var configRepo = await git.CreateRepositoryAsync("config", new Dictionary<string, byte[]> { ["README.md"] = "config\n"u8.ToArray() });
        var init = await run(appRoot, "InitConfigRepo", "--config-repo", configRepo, "--image-repository", Repository,
            "--app-name", AppName, "--aws-region", "cn-north-1");
        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        return configRepo;
    }

    /// <summary>Bumps <see cref="Repository"/> to <paramref name="tag"/> in dev, without asking a registry.</summary>
    public static async Task BumpAsync(string appRoot, Build run, string configRepo, string tag)
    {
        var bump = await run(appRoot, "BumpConfigRepo", "--config-repo", configRepo, "--environment", "dev",
            "--image-repository", Repository, "--image-tag", tag, "--verify-image", "false");
        Assert.True(bump.ExitCode == 0, bump.Output + bump.Error);
    }
}
