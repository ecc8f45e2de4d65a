using Pipelines.Testing.Git;
using Pipelines.Testing.Kubernetes;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Bump, rollout, Verify with a soak, and Promote gated on the record, in-process against a config repo served by git daemon
/// and two clusters on Kubernetes stand-ins whose Deployments serve the app behind a Service: Cd verifies dev through the
/// service proxy and records the verdict as a git note; Promote --required-soak refuses an image dev did not pass for that
/// long (and one whose newest verification failed, after a container restarted mid-soak), then promotes the image once
/// dev soaked it long enough, and VerifyPromotion verifies it in prod.
/// </summary>
public sealed class VerifyingBeforePromotion
{
    const string Tag = "5d6e7f8";
    const string Notes = "refs/notes/pipelines/verifications";

    [Fact]
    public async Task Promote_refuses_an_unverified_image_and_promotes_the_one_dev_verified_long_enough()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, VerifyingBuild.RunAsync);
        await using var dev = await ClusterScene.StartWithAppAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube-dev"), "dev");
        await using var prod = await ClusterScene.StartWithAppAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube-prod"), "prod");
        string[] checks = ["--verify-path", "/version", "--verify-body", "ImageTag", "--verify-interval", "00:00:00.2", "--verify-check-timeout", "00:00:02",
            "--verify-grace", "00:00:05", "--namespace", ClusterScene.AppNamespace];
        string[] inDev = ["--config-repo", configRepo, "--environment", "dev", "--image-repository", Repository, "--image-tag", Tag, "--kubeconfig", dev.Kubeconfig, .. checks];
        string[] promote = ["Promote", "--config-repo", configRepo, "--image-repository", Repository, "--from", "dev", "--to", "prod", "--required-soak", "00:00:02"];

        // Cd: bump dev, wait for the rollout, verify once (no soak) and record it.
        var cd = await VerifyingBuild.RunAsync(app.Root, ["Cd", "--verify-image", "false", "--flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}",
            "--timeout", "00:00:20", .. inDev]);
        Assert.True(cd.ExitCode == 0, cd.Output + cd.Error);
        var bump = (await git.GitAsync("config", "rev-parse", "main")).Trim();
        Assert.Matches(@"Verify +Succeeded .*dev: service gitops-app-demo/gitops-app-demo:http /version passed 1 check\(s\), first pass after [\d.]+m?s; recorded on config commit " + bump[..7], cd.Output);
        var note = await git.GitAsync("config", "notes", "--ref", Notes, "show", bump);
        Assert.Contains("\"environment\":\"dev\"", note);
        Assert.Contains($"\"tag\":\"{Tag}\"", note);
        Assert.Contains("\"passed\":true", note);
        Assert.Contains(dev.App!.Requests, r => r.Path == "/version");

        // Promote asks for a soak of 2 s: a single check is not one.
        var refused = await VerifyingBuild.RunAsync(app.Root, promote);
        Assert.True(refused.ExitCode == 1, refused.Output + refused.Error);
        Assert.Contains($"Target Promote failed: --from dev runs {Repository}:{Tag}, which was not verified there for the --required-soak of 00:00:02 (its longest passing soak was 0", refused.Output);
        Assert.Contains("or promote anyway with the --force-unverified", refused.Output);
        Assert.Equal(bump, (await git.GitAsync("config", "rev-parse", "main")).Trim());

        // A soak during which a container restarts fails, and the failure is recorded: Promote refuses for it.
        var mark = dev.StandIn.Requests.Count;
        var restarted = VerifyingBuild.RunAsync(app.Root, ["Verify", "--verify-soak", "00:01:00", .. inDev]);
        await dev.StandIn.WaitForRequestAsync(r => r.IsWatchOf("pods") && r.Query.ContainsKey("labelSelector"), mark);
        var pod = dev.StandIn.PodsOf(ClusterScene.AppNamespace, ClusterScene.Deployment)[0];
        dev.StandIn.RestartContainer(ClusterScene.AppNamespace, pod);
        var failed = await restarted;
        Assert.True(failed.ExitCode == 1, failed.Output + failed.Error);
        Assert.Contains($"Target Verify failed: dev: service gitops-app-demo/gitops-app-demo:http /version: pod gitops-app-demo/{pod}: container app restarted (restart count 0 → 1, last exit: OOMKilled 137) during the soak", failed.Output);
        Assert.Contains("FAILED after", failed.Output);
        var afterFailure = await VerifyingBuild.RunAsync(app.Root, promote);
        Assert.True(afterFailure.ExitCode == 1, afterFailure.Output + afterFailure.Error);
        Assert.Contains("(its newest verification there failed at ", afterFailure.Output);

        // A clean soak of 2 s: Promote copies the image, WaitPromotion sees it roll out in prod, VerifyPromotion checks it there.
        var soaked = await VerifyingBuild.RunAsync(app.Root, ["Verify", "--verify-soak", "00:00:02", .. inDev]);
        Assert.True(soaked.ExitCode == 0, soaked.Output + soaked.Error);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(soaked.Output, @"Verify +Succeeded .*passed \d+ check\(s\) over a 2\.\ds soak"), soaked.Output);
        var promoted = await VerifyingBuild.RunAsync(app.Root, [.. promote, "WaitPromotion", "VerifyPromotion", "--to-kubeconfig", prod.Kubeconfig,
            "--to-flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}", "--timeout", "00:00:20", .. checks]);

        Assert.True(promoted.ExitCode == 0, promoted.Output + promoted.Error);
        Assert.True(promoted.Output.Contains("verified in dev: passed in dev, soaked 2.", StringComparison.Ordinal), promoted.Output);
        Assert.Equal($"{Repository}:{Tag}", Assert.Single(prod.Rollouts));
        var promotion = (await git.GitAsync("config", "rev-parse", "main")).Trim();
        Assert.Matches(@"WaitPromotion +Succeeded .*prod: 5d6e7f8 running in 1 workload", promoted.Output);
        Assert.Matches(@"VerifyPromotion +Succeeded .*prod: service gitops-app-demo/gitops-app-demo:http /version passed 1 check\(s\).*recorded on config commit " + promotion[..7], promoted.Output);
        Assert.Contains("\"environment\":\"prod\"", await git.GitAsync("config", "notes", "--ref", Notes, "show", promotion));
        // The image dev verified is the image prod runs: its record stays on the bump commit, next to the failed one.
        Assert.Equal(3, (await git.GitAsync("config", "notes", "--ref", Notes, "show", bump)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
