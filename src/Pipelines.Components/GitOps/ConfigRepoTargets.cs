using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>What the GitOps targets share: parameters to library options, and results to notes and outputs.</summary>
static class ConfigRepoTargets
{
    public static ConfigRepo Open(IConfigRepoParameters build)
    {
        var settings = Settings(build);
        var pullRequests = string.IsNullOrEmpty(build.GitHubToken) ? null : PullRequestPublisher.Create(build.GitHubToken, build.GitHubUrl, build.GitHubTimeout);
        return new ConfigRepo(settings, build.Tools, new RegistryImageExistence(build), pullRequests);
    }

    /// <summary>The config repo the parameters name, with their branch, identity, token and bounds (the token registered with the masker).</summary>
    public static ConfigRepoSettings Settings(IConfigRepoParameters build)
    {
        // A relative local path means the same folder from any working directory: the repository root's.
        var local = Path.GetFullPath(build.ConfigRepo!, build.RootDirectory);
        var settings = new ConfigRepoSettings(Directory.Exists(local) ? local : build.ConfigRepo!)
        {
            Branch = build.ConfigBranch,
            Identity = new GitIdentity(build.GitUserName, build.GitUserEmail),
            Token = build.GitHubToken,
            NetworkTimeout = build.GitTimeout,
            MessageTemplate = build.CommitMessageTemplate,
            GitHubRepository = build.GitHubRepository,
            AutoMerge = build.AutoMerge,
            SigningKey = build.GivenSigningKey(),
            CommitThroughGitHub = build.CommitThroughGitHub,
        };
        build.Secrets.Add(build.GitHubToken);
        return settings;
    }

    /// <summary>The CI run's web page, for the commit's Build-Url trailer; null on a terminal.</summary>
    public static string? BuildUrl(IPipelineBuild build)
    {
        string? Variable(string name) => build.EnvironmentVariables.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        return build.Host switch
        {
            CiHost.Jenkins => Variable("BUILD_URL"),
            CiHost.GitHubActions when Variable("GITHUB_REPOSITORY") is { } repository && Variable("GITHUB_RUN_ID") is { } run =>
                $"{Variable("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}/actions/runs/{run}",
            _ => null,
        };
    }

    public static void Report(IConfigRepoParameters build, ConfigChange change)
    {
        if (change.Outcome == ChangeOutcome.DryRun)
            build.Log.WriteLine(change.Diff);
        build.Note(change.Summary);
        if (change.Commit is not null)
        {
            // The output is a file under artifacts/ that CI uploads: a password in the URL must not travel with it.
            build.Outputs.Set(ConfigCommit.OutputName, new ConfigCommit(Pipelines.Tooling.UrlCredentials.Mask(build.ConfigRepo!, Pipelines.Tooling.SecretMasker.Mask),
                change.Branch ?? build.ConfigBranch,
                change.Commit, change.Environment?.Name, change.PullRequest is { MergeCommit: null } pending ? pending.Url : null, DateTimeOffset.UtcNow));
        }
    }
}
