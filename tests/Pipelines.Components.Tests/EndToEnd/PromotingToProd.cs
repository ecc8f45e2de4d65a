using Pipelines.Testing.Git;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Promote then WaitPromotion, in-process: dev's image is copied into clusters/prod of a config repo served by git daemon,
/// and the prod cluster (its own Kubernetes stand-in, reached through --to-kubeconfig) applies it through the scripted Flux
/// and rolls it out to the end.
/// </summary>
public sealed class PromotingToProd
{

    [Fact]
    public async Task WaitPromotion_sees_the_promoted_image_roll_out_in_the_prod_cluster()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, ReleaseBuild.RunAsync);
        await SampleConfigRepo.BumpAsync(app.Root, ReleaseBuild.RunAsync, configRepo, "5d6e7f8");
        await using var prod = await ClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube-prod"), environment: "prod");

        var promoted = await ReleaseBuild.RunAsync(app.Root, "Promote", "WaitPromotion", "--config-repo", configRepo, "--image-repository", Repository,
            "--from", "dev", "--to", "prod", "--to-kubeconfig", prod.Kubeconfig,
            "--to-flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}", "--namespace", ClusterScene.AppNamespace,
            "--timeout", "00:00:20");

        Assert.True(promoted.ExitCode == 0, promoted.Output + promoted.Error);
        Assert.Equal($"{Repository}:5d6e7f8", Assert.Single(prod.Rollouts));
        Assert.EndsWith((await git.GitAsync("config", "rev-parse", "main")).Trim(), prod.LastAppliedRevision);
        Assert.Matches(@"WaitPromotion +Succeeded .*prod: 5d6e7f8 running in 1 workload", promoted.Output);
    }

    [Fact]
    public async Task WaitPromotion_without_a_promotion_is_refused_in_one_line()
    {
        using var app = await SampleAppRepository.CreateAsync();

        var run = await ReleaseBuild.RunAsync(app.Root, "WaitPromotion", "--image-repository", Repository, "--to-kubeconfig", Path.Combine(app.Root, "kubeconfig"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: No promotion to wait for: run Promote (--from, --to) before WaitPromotion", run.Error.Trim());
    }
}
