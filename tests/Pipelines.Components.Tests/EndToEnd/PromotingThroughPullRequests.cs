using Pipelines.Testing.Git;
using Pipelines.Testing.GitHub;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Pull-request mode end to end, in-process: prod takes changes through pull requests (environments.yaml), so Promote opens
/// one on the GitHub stand-in; WaitPromotion follows it (through Octokit) until the stand-in merges it for real into the
/// config repo served by git daemon, then asks prod's Flux to apply the merge commit and waits for the rollout, and
/// VerifyPromotion checks the app in prod, all in one run. A pull request closed unmerged ends the run in one line.
/// </summary>
public sealed class PromotingThroughPullRequests
{
    const string Token = "ghs-e2e-write-token-6180";

    [Fact]
    public async Task Prod_runs_and_serves_the_image_once_the_pull_request_is_merged()
    {
        await using var scene = await Scene.StartAsync();
        scene.GitHub.Opened = pull => pull.MergeAfterPolls = 3;

        var run = await VerifyingBuild.RunAsync(scene.App.Root, scene.PromoteArguments());

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var pull = Assert.Single(scene.GitHub.PullRequests);
        var main = (await scene.Git.GitAsync("config", "rev-parse", "main")).Trim();
        Assert.Equal(main, pull.MergeCommitSha);
        Assert.Matches($@"WaitPromotion +Succeeded .*prod: \S+/pull/{pull.Number} merged as {main[..7]} after [\d.]+s \(3 reads\); prod: 5d6e7f8 running in 1 workload", run.Output);
        Assert.EndsWith(main, scene.Prod.LastAppliedRevision);
        Assert.Equal($"{Repository}:5d6e7f8", Assert.Single(scene.Prod.Rollouts));
        Assert.Matches($@"VerifyPromotion +Succeeded .*prod: service gitops-app-demo/gitops-app-demo:http /version passed 1 check\(s\).*recorded on config commit {main[..7]}", run.Output);
        Assert.Contains("\"environment\":\"prod\"", await scene.Git.GitAsync("config", "notes", "--ref", "refs/notes/pipelines/verifications", "show", main));
        Assert.DoesNotContain(Token, run.Output + run.Error);
    }

    [Fact]
    public async Task A_pull_request_closed_without_a_merge_ends_the_run_in_one_line()
    {
        await using var scene = await Scene.StartAsync();
        scene.GitHub.Opened = pull => pull.CloseAfterPolls = 2;
        var before = (await scene.Git.GitAsync("config", "rev-parse", "main")).Trim();

        var run = await VerifyingBuild.RunAsync(scene.App.Root, scene.PromoteArguments());

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        var pull = Assert.Single(scene.GitHub.PullRequests);
        Assert.Contains($"Target WaitPromotion failed: pull request {scene.GitHub.BaseAddress}acme/config/pull/{pull.Number} was closed without being merged, "
            + "so the promotion will not be applied; reopen and merge it, or promote again", run.Output);
        Assert.Equal(before, (await scene.Git.GitAsync("config", "rev-parse", "main")).Trim());
        Assert.Empty(scene.Prod.Rollouts);
    }

    /// <summary>A config repo on git daemon whose prod takes pull requests on the GitHub stand-in, and prod's cluster.</summary>
    sealed class Scene : IAsyncDisposable
    {
        public required GitDaemon Git { get; init; }
        public required SampleAppRepository App { get; init; }
        public required GitHubStandIn GitHub { get; init; }
        public required ClusterScene Prod { get; init; }
        public required string ConfigRepo { get; init; }

        public static async Task<Scene> StartAsync()
        {
            var git = await GitDaemon.StartAsync();
            var app = await SampleAppRepository.CreateAsync();
            var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, VerifyingBuild.RunAsync);
            await git.PushCommitAsync("config", new Dictionary<string, byte[]>
            {
                ["environments.yaml"] = "environments:\n  dev: {path: clusters/dev}\n  prod: {path: clusters/prod, pushMode: pull-request}\n"u8.ToArray(),
            }, "prod takes pull requests");
            await SampleConfigRepo.BumpAsync(app.Root, VerifyingBuild.RunAsync, configRepo, "5d6e7f8");
            var github = await GitHubStandIn.StartAsync();
            github.AddGitRepository("acme/config", git.BarePath("config"));
            github.AddToken(Token, "acme/config");
            var prod = await ClusterScene.StartWithAppAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube-prod"), "prod");
            return new Scene { Git = git, App = app, GitHub = github, Prod = prod, ConfigRepo = configRepo };
        }

        public string[] PromoteArguments() =>
        [
            "Promote", "WaitPromotion", "VerifyPromotion", "--config-repo", ConfigRepo, "--image-repository", Repository, "--from", "dev", "--to", "prod",
            "--github-token", Token, "--github-url", GitHub.BaseAddress.ToString(), "--github-repository", "acme/config",
            "--merge-timeout", "00:00:30", "--merge-poll-interval", "00:00:00.2",
            "--to-kubeconfig", Prod.Kubeconfig, "--to-flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}",
            "--namespace", ClusterScene.AppNamespace, "--timeout", "00:00:20", "--verify-path", "/version", "--verify-body", "ImageTag",
        ];

        public async ValueTask DisposeAsync()
        {
            await Prod.DisposeAsync();
            await GitHub.DisposeAsync();
            App.Dispose();
            Git.Dispose();
        }
    }
}
