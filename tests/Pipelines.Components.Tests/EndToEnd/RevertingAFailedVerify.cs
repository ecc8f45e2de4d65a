using System.Text.RegularExpressions;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Git;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Cd --auto-rollback when the rollout completes but the app fails Verify: the failed verdict is recorded on the bump's
/// commit, the bump is reverted with a rollback commit, Flux applies it and the Deployment rolls back to the image that ran
/// before, and the target still fails in one line. Without --auto-rollback the same failure leaves the bump in place, and so
/// does a Verify that never reached the app (the API server refused it).
/// </summary>
public sealed class RevertingAFailedVerify
{
    const string Notes = "refs/notes/pipelines/verifications";

    [Fact]
    public async Task A_failed_verify_is_reverted_like_a_failed_rollout_and_only_with_auto_rollback()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, VerifyingBuild.RunAsync);
        await using var dev = await ClusterScene.StartWithAppAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube-dev"), "dev");
        string[] cd = ["Cd", "--config-repo", configRepo, "--environment", "dev", "--image-repository", Repository, "--verify-image", "false",
            "--kubeconfig", dev.Kubeconfig, "--flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}",
            "--namespace", ClusterScene.AppNamespace, "--timeout", "00:00:20", "--verify-grace", "00:00:01", "--verify-interval", "00:00:00.2",
            "--verify-check-timeout", "00:00:02"];

        var good = await VerifyingBuild.RunAsync(app.Root, [.. cd, "--image-tag", "good-1"]);
        Assert.True(good.ExitCode == 0, good.Output + good.Error);

        // The new image rolls out, but its app answers 500: without --auto-rollback the bump stays.
        dev.App!.Behaviour = AppBehaviour.Failing;
        var kept = await VerifyingBuild.RunAsync(app.Root, [.. cd, "--image-tag", "bad-2"]);
        Assert.True(kept.ExitCode == 1, kept.Output + kept.Error);
        Assert.Contains("Target Verify failed: dev: ", kept.Output);
        Assert.DoesNotContain("--auto-rollback", kept.Output);
        Assert.Contains("newTag: \"bad-2\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));

        // With it, the failed verdict is recorded, then the bump is reverted and the revert rolled out, and Cd still fails.
        var failed = await VerifyingBuild.RunAsync(app.Root, [.. cd, "--image-tag", "bad-3", "--auto-rollback"]);
        Assert.True(failed.ExitCode == 1, failed.Output + failed.Error);
        Assert.Contains("Verify failed: dev: ", failed.Output);
        Assert.Contains("--auto-rollback: reverting the bump in the config repo", failed.Output);
        Assert.True(Regex.IsMatch(failed.Output, @"rolled back to \S+:bad-2 \(commit [0-9a-f]{7}\) in \d"), failed.Output);
        Assert.Single(Regex.Matches(failed.Output, "Target Verify failed: dev: "));
        Assert.Contains(":bad-3", string.Join(" ", dev.Rollouts));
        // The bump this run made is the commit before the rollback.
        var bump = (await git.GitAsync("config", "rev-parse", "main~1")).Trim();
        Assert.StartsWith("rollback(", await git.GitAsync("config", "log", "--format=%s", "-1", "main"));
        Assert.Contains($"This reverts commit {bump}", await git.GitAsync("config", "log", "--format=%b", "-1", "main"));
        Assert.Contains("newTag: \"bad-2\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
        Assert.EndsWith((await git.GitAsync("config", "rev-parse", "main")).Trim(), dev.LastAppliedRevision);
        Assert.EndsWith(":bad-2", dev.Rollouts[^1]);
        Assert.Contains("\"passed\":false", await git.GitAsync("config", "notes", "--ref", Notes, "show", bump));

        // A Verify that never reached the app (the API server has no such Service) says nothing of the deployment: no revert.
        var unreached = await VerifyingBuild.RunAsync(app.Root, [.. cd, "--image-tag", "good-4", "--auto-rollback", "--verify-service", $"{ClusterScene.AppNamespace}/missing:http"]);
        Assert.True(unreached.ExitCode == 1, unreached.Output + unreached.Error);
        Assert.Contains("Target Verify failed: dev: ", unreached.Output);
        Assert.Contains("--auto-rollback: nothing reverted: the app was not reached", unreached.Output);
        Assert.StartsWith("deploy(", await git.GitAsync("config", "log", "--format=%s", "-1", "main"));
        Assert.Contains("newTag: \"good-4\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
    }
}
