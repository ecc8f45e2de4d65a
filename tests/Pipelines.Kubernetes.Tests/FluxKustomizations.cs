using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class FluxKustomizations
{
    private const string OldCommit = "1111111111111111111111111111111111111111";
    private const string OtherCommit = "3333333333333333333333333333333333333333";
    private const string BumpCommit = "2222222222222222222222222222222222222222";

    private static RolloutWaitOptions Options(string commit) => RolloutScene.For("deployment/shop/web") with
    {
        Flux = new FluxWaitOptions(Kustomization: FluxObjectReference.Parse("flux-system/apps", KubernetesInputs.FluxKustomization), Commit: commit),
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Waits_for_the_exact_commit_then_for_the_workloads(bool legacyRevisions)
    {
        await using var scene = await RolloutScene.StartAsync();
        var web = DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        using var flux = new FluxController(scene.StandIn) { LegacyRevisions = legacyRevisions };
        flux.Install("flux-system", "apps", OldCommit);
        flux.HeadCommit = OtherCommit; // the branch has moved on, but not yet to the bump
        flux.Applying = commit =>
        {
            if (commit != BumpCommit) return;
            web.SetImage(RolloutScene.NewImage);
            web.ObserveGeneration();
        };

        var wait = scene.WaitAsync(Options(BumpCommit));
        await scene.Progress.WaitFor(p => p.Subject == "kustomization/flux-system/apps" && p.Message.StartsWith("applied " + flux.Revision(OtherCommit)));
        Assert.False(wait.IsCompleted);
        var annotated = scene.StandIn.Requests.Where(r => r.Method == "PATCH").Select(r => (r.Path, r.ContentType?.Split(";")[0])).ToList();
        Assert.Contains(("/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/apps", "application/merge-patch+json"), annotated);
        Assert.Contains(("/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps", "application/merge-patch+json"), annotated);

        await flux.PushAsync("flux-system", "apps", BumpCommit);
        await scene.Progress.WaitFor(p => p.Subject == "deployment/shop/web");
        web.Complete();

        var result = await wait;
        Assert.Equal(flux.Revision(BumpCommit), result.Flux!.AppliedRevision);
        Assert.Single(result.Workloads);
    }

    [Fact]
    public async Task Ready_False_for_the_commit_fails_with_Flux_s_message()
    {
        await using var scene = await RolloutScene.StartAsync();
        DeploymentScript.Create(scene.StandIn, "shop", "web", RolloutScene.OldImage);
        using var flux = new FluxController(scene.StandIn);
        flux.Install("flux-system", "apps", OldCommit);
        flux.HeadCommit = BumpCommit;
        flux.ApplyFailure = "kustomize build failed: map[string]interface {}(nil): yaml: line 12: mapping values are not allowed in this context";

        var error = await Assert.ThrowsAsync<FluxReconcileException>(() => scene.WaitAsync(Options(BumpCommit)));

        Assert.Equal($"kustomization/flux-system/apps failed to apply main@sha1:{BumpCommit}: {flux.ApplyFailure}; fix the config repo and push again", error.Message);
    }

    [Fact]
    public async Task Kubectl_reads_and_annotates_the_Flux_objects_like_the_watcher_does()
    {
        await using var scene = await RolloutScene.StartAsync();
        using var flux = new FluxController(scene.StandIn);
        flux.Install("flux-system", "apps", OldCommit);
        flux.HeadCommit = BumpCommit;

        var patch = await scene.Kubectl.RunAsync("patch", "kustomizations.kustomize.toolkit.fluxcd.io", "apps", "-n", "flux-system", "--type", "merge",
            "-p", """{"metadata":{"annotations":{"reconcile.fluxcd.io/requestedAt":"by-kubectl"}}}""");
        Assert.True(patch.ExitCode == 0, patch.StandardError);
        var strategic = await scene.Kubectl.RunAsync("patch", "ks", "apps", "-n", "flux-system", "-p", """{"metadata":{"labels":{"a":"b"}}}""");
        Assert.NotEqual(0, strategic.ExitCode); // as on a real server: no strategic merge for custom resources

        var handled = await scene.StandIn.WaitForRequestAsync(r => r.Method == "PATCH");
        Assert.NotNull(handled);
        var revision = await scene.Kubectl.RunAsync("get", "gitrepository", "apps", "-n", "flux-system", "-o", "jsonpath={.status.artifact.revision}");
        Assert.Equal(0, revision.ExitCode);
        Assert.StartsWith("main@sha1:", revision.StandardOutput.Trim());
        var json = await scene.Kubectl.RunAsync("patch", "hr", "missing", "-n", "flux-system", "--type", "json", "-p", """[{"op":"add","path":"/metadata/labels","value":{}}]""");
        Assert.Contains("NotFound", json.StandardError + json.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }
}
