using Pipelines.Testing.Git;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Cd onto an Argo Rollouts canary, in-process: the bump lands in a config repo served by git daemon, the scripted Flux applies it
/// to the Rollout on the Kubernetes stand-in, the canary's analysis fails and the controller aborts the update; WaitRollout fails
/// at once naming the abort and the AnalysisRun, and --auto-rollback reverts the bump so the config repo names the image the
/// cluster fell back to (which Flux then applies).
/// </summary>
public sealed class AbortingACanary
{

    [Fact]
    public async Task A_canary_abort_with_auto_rollback_reverts_the_bump_commit()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, ReleaseBuild.RunAsync);
        await SampleConfigRepo.BumpAsync(app.Root, ReleaseBuild.RunAsync, configRepo, "1111111");
        var before = (await git.GitAsync("config", "rev-parse", "main")).Trim();
        await using var cluster = await CanaryClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube"));
        cluster.FailingAnalysis.Add($"{Repository}:2222222");

        var cd = await ReleaseBuild.RunAsync(app.Root, "Cd", "--config-repo", configRepo, "--environment", "dev", "--verify-image", "false",
            "--image-repository", Repository, "--image-tag", "2222222",
            "--kubeconfig", cluster.Kubeconfig, "--flux-kustomization", $"{CanaryClusterScene.FluxNamespace}/{CanaryClusterScene.Kustomization}",
            "--workload", $"rollout/{CanaryClusterScene.AppNamespace}/{CanaryClusterScene.Rollout}", "--auto-rollback", "--timeout", "00:00:20");

        var all = cd.Output + cd.Error;
        Assert.True(cd.ExitCode == 1, all);
        Assert.Contains($"rollout/{CanaryClusterScene.AppNamespace}/{CanaryClusterScene.Rollout}: Degraded - RolloutAborted: Rollout aborted update to revision", all);
        Assert.Contains($"AnalysisRun {cluster.AnalysisRun} Failed", all);
        Assert.Contains(CanaryClusterScene.AnalysisMessage, all);
        // The bump and then its revert: the config repo names the image the cluster fell back to, and Flux applied it.
        var subjects = (await git.GitAsync("config", "log", "--format=%s", "-2", "main")).Split('\n');
        Assert.StartsWith("rollback(", subjects[0]);
        var revert = (await git.GitAsync("config", "rev-parse", "main")).Trim();
        Assert.Equal(before, (await git.GitAsync("config", "rev-parse", "main~2")).Trim());
        Assert.Equal("", (await git.GitAsync("config", "diff", before, revert)).Trim());
        Assert.Contains("newTag: \"1111111\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
        Assert.EndsWith(revert, cluster.LastAppliedRevision);
        Assert.Equal([$"{Repository}:2222222", $"{Repository}:1111111"], cluster.Images);
        Assert.Equal(($"{Repository}:1111111", "Healthy"), (cluster.StableImage, cluster.Phase));
    }

    [Fact]
    public async Task A_canary_abort_without_auto_rollback_leaves_the_config_repo_as_it_is()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, ReleaseBuild.RunAsync);
        await SampleConfigRepo.BumpAsync(app.Root, ReleaseBuild.RunAsync, configRepo, "1111111");
        await using var cluster = await CanaryClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube"));
        cluster.FailingAnalysis.Add($"{Repository}:2222222");

        // Discovery finds the Rollout by its template's image.
        var cd = await ReleaseBuild.RunAsync(app.Root, "Cd", "--config-repo", configRepo, "--environment", "dev", "--verify-image", "false",
            "--image-repository", Repository, "--image-tag", "2222222",
            "--kubeconfig", cluster.Kubeconfig, "--flux-kustomization", $"{CanaryClusterScene.FluxNamespace}/{CanaryClusterScene.Kustomization}",
            "--namespace", CanaryClusterScene.AppNamespace, "--timeout", "00:00:20");

        Assert.True(cd.ExitCode == 1, cd.Output + cd.Error);
        Assert.Contains($"AnalysisRun {cluster.AnalysisRun} Failed", cd.Output + cd.Error);
        Assert.Contains("newTag: \"2222222\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
        Assert.Equal("Degraded", cluster.Phase);
    }

    [Fact]
    public async Task Credentials_refused_mid_wait_never_roll_back_even_with_auto_rollback()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, ReleaseBuild.RunAsync);
        await SampleConfigRepo.BumpAsync(app.Root, ReleaseBuild.RunAsync, configRepo, "1111111");
        await using var cluster = await CanaryClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube"));
        cluster.RevokeCredentialsWhenWatched = true;

        var cd = await ReleaseBuild.RunAsync(app.Root, "Cd", "--config-repo", configRepo, "--environment", "dev", "--verify-image", "false",
            "--image-repository", Repository, "--image-tag", "2222222",
            "--kubeconfig", cluster.Kubeconfig, "--flux-kustomization", $"{CanaryClusterScene.FluxNamespace}/{CanaryClusterScene.Kustomization}",
            "--workload", $"rollout/{CanaryClusterScene.AppNamespace}/{CanaryClusterScene.Rollout}", "--auto-rollback", "--timeout", "00:00:20");

        // The API server refusing the credentials says nothing of the canary: the bump stays, and the error says why it stopped.
        Assert.True(cd.ExitCode == 1, cd.Output + cd.Error);
        Assert.True((cd.Output + cd.Error).Contains("401", StringComparison.Ordinal), cd.Output + cd.Error);
        Assert.DoesNotContain("rollback(", await git.GitAsync("config", "log", "--format=%s", "main"));
        Assert.Contains("newTag: \"2222222\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
    }
}
