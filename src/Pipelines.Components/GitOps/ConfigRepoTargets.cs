using Pipelines.Components;
using Pipelines.Containers.Registry;
using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>What the GitOps targets share: parameters to library options, results to notes and outputs, errors to exit codes.</summary>
static class ConfigRepoTargets
{
    public static ConfigRepo Open(IConfigRepoParameters build)
    {
        if (string.IsNullOrWhiteSpace(build.ConfigRepo))
            throw new InvocationException("--config-repo is missing; pass the config repo's git URL or local path");
        // A relative local path means the same folder from any working directory: the repository root's.
        var local = Path.GetFullPath(build.ConfigRepo, build.RootDirectory);
        var settings = new ConfigRepoSettings(Directory.Exists(local) ? local : build.ConfigRepo)
        {
            Branch = build.ConfigBranch,
            Identity = new GitIdentity(build.GitUserName, build.GitUserEmail),
            Token = build.GitHubToken,
            MessageTemplate = build.CommitMessageTemplate,
            GitHubRepository = build.GitHubRepository,
            AutoMerge = build.AutoMerge,
        };
        build.Secrets.Add(build.GitHubToken);
        var pullRequests = string.IsNullOrEmpty(build.GitHubToken) ? null : PullRequestPublisher.Create(build.GitHubToken, build.GitHubUrl);
        return new ConfigRepo(settings, build.Tools, new RegistryImageExistence(build), pullRequests);
    }

    /// <summary>
    /// With <c>--push-mode pull-request</c>, checks the GitHub token before the change is pushed to its branch, so a missing
    /// or read-only token leaves the config repo untouched.
    /// </summary>
    public static async Task CheckPullRequestAccessAsync(IConfigRepoParameters build, CancellationToken ct)
    {
        if (build.PushMode != PushMode.PullRequest || build.DryRun)
            return;
        if (string.IsNullOrEmpty(build.GitHubToken))
            throw new InvocationException("--github-token is missing, and --push-mode pull-request needs it; pass --github-token (or use --push-mode push)");
        var match = System.Text.RegularExpressions.Regex.Match(build.GitHubRepository ?? build.ConfigRepo ?? "",
            @"(?:^|[:/])([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$");
        if (match.Success)
            await PullRequestPublisher.Create(build.GitHubToken, build.GitHubUrl).CheckAccessAsync(match.Groups[1].Value, match.Groups[2].Value, ct).ConfigureAwait(false);
    }

    public static string? BuildUrl(IPipelineBuild build) => build.Host switch
    {
        CiHost.Jenkins => System.Environment.GetEnvironmentVariable("BUILD_URL"),
        CiHost.GitHubActions => $"{System.Environment.GetEnvironmentVariable("GITHUB_SERVER_URL")}/{System.Environment.GetEnvironmentVariable("GITHUB_REPOSITORY")}/actions/runs/{System.Environment.GetEnvironmentVariable("GITHUB_RUN_ID")}",
        _ => null,
    };

    public static void Report(IConfigRepoParameters build, ConfigChange change)
    {
        if (change.Outcome == ChangeOutcome.DryRun)
            build.Log.WriteLine(change.Diff);
        build.Note(change.Summary);
        if (change.Commit is not null)
        {
            build.Outputs.Set(ConfigCommit.OutputName, new ConfigCommit(build.ConfigRepo!,
                change.Branch ?? build.ConfigBranch,
                change.Commit, change.Environment?.Name, change.PullRequest is { MergeCommit: null } pending ? pending.Url : null, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Bad parameter values exit 2; everything else the library reports fails the target (exit 1), in one line.</summary>
    public static async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (GitOpsException ex) when (ex is InvalidImageException or UnknownEnvironmentException or ConfigPathNotFoundException)
        {
            throw new InvocationException(ex.Message);
        }
        catch (GitOpsException ex)
        {
            throw new TargetFailedException(ex.Message);
        }
        catch (Exception ex) when (ex is Pipelines.Containers.Ecr.EcrException or Pipelines.Containers.Aws.AwsIdentityException)
        {
            throw new TargetFailedException($"--verify-image could not ask ECR ({ex.Message.ReplaceLineEndings(" ")}); fix the AWS credentials, or pass --verify-image false");
        }
        catch (RegistryException ex)
        {
            throw new TargetFailedException($"--verify-image could not ask the registry ({ex.Message.ReplaceLineEndings(" ")}); log in, or pass --verify-image false");
        }
        catch (HttpRequestException ex)
        {
            throw new TargetFailedException($"--verify-image could not reach the registry ({ex.Message.ReplaceLineEndings(" ")}); check --image-repository, or pass --verify-image false");
        }
    }
}
