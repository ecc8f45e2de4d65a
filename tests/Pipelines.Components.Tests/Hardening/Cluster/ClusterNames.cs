using System.Text.Json;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>
/// Names the API server would refuse (RFC 1123, lengths) are bad input: exit 2 naming the parameter, before any request and
/// before the exec credential plugin runs.
/// </summary>
public sealed class ClusterNames(HostileClusterScene scene, ITestOutputHelper output) : IClassFixture<HostileClusterScene>
{
    static readonly string Long = new('a', 300);

    public static TheoryData<string, string[], string[]> WaitRolloutNames => new()
    {
        { "namespace-300-characters", ["--namespace", Long], ["--namespace 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' is 300 characters long, over the 63"] },
        { "namespace-uppercase", ["--namespace", "Shop"], ["--namespace 'Shop' is not a valid namespace (RFC 1123 label"] },
        { "workload-name-dot-dot", ["--workload", "deployment/shop/web..x"], ["--workload 'deployment/shop/web..x' has name 'web..x' is not a valid object name"] },
        { "workload-namespace-300-characters", ["--workload", $"deployment/{Long}/web"], ["--workload", "has namespace", "is 300 characters long"] },
        { "workload-name-300-characters", ["--workload", $"deployment/shop/{new string('b', 254)}"], ["--workload", "is 254 characters long, over the 253"] },
        { "flux-kustomization-dot-dot", ["--flux-kustomization", "flux-system/apps..x"], ["--flux-kustomization 'flux-system/apps..x' has name 'apps..x'"] },
        { "flux-git-repository-namespace-300", ["--flux-kustomization", "flux-system/apps", "--flux-git-repository", $"{Long}/config"], ["--flux-git-repository", "is 300 characters long"] },
        { "flux-helmrelease-underscore", ["--flux-helmrelease", "flux_system/web"], ["--flux-helmrelease 'flux_system/web' has namespace 'flux_system' is not a valid namespace"] },
    };

    [Theory]
    [MemberData(nameof(WaitRolloutNames))]
    public async Task WaitRollout_refuses_a_name_before_any_call(string name, string[] arguments, string[] expect)
    {
        var root = scene.NewRoot(name);
        var ran = Path.Combine(root, "plugin-ran");
        HostileClusterScene.Plugin(root, "get-token", $"touch {ran}\necho '{{}}'");
        var requests = scene.StandIn.Requests.Count;
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, HostileClusterScene.ExecUser("get-token")), arguments));
        run.AssertHandled(2, 15, expect);
        Assert.False(File.Exists(ran), "the exec plugin ran before the names were checked");
        Assert.Equal(requests, scene.StandIn.Requests.Count(r => r.Path != "/version"));
        HardeningFigures.Record(output, "hostile", "cluster/name-" + name, ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    public static TheoryData<string, string[], string[]> WaitPromotionNames => new()
    {
        { "to-flux-kustomization-dot-dot", ["--to-flux-kustomization", "flux-system/prod..apps"], ["--to-flux-kustomization 'flux-system/prod..apps' has name 'prod..apps'"] },
        { "to-flux-helmrelease-300-characters", ["--to-flux-helmrelease", $"flux-system/{new string('c', 300)}"], ["--to-flux-helmrelease", "is 300 characters long, over the 253"] },
    };

    [Theory]
    [MemberData(nameof(WaitPromotionNames))]
    public async Task WaitPromotion_refuses_a_name_before_any_call(string name, string[] arguments, string[] expect)
    {
        var root = scene.NewRoot(name);
        var outputs = Path.Combine(root, "artifacts", "outputs");
        Directory.CreateDirectory(outputs);
        await File.WriteAllTextAsync(Path.Combine(outputs, $"{Promotion.OutputName}.json"), JsonSerializer.Serialize(
            new Promotion("dev", "prod", $"{HostileClusterScene.Repository}:{HostileClusterScene.Tag}", new string('1', 40), null), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var requests = scene.StandIn.Requests.Count;
        var kubeconfig = scene.Kubeconfig(root, "{token: " + HostileClusterScene.GoodToken + "}");
        var run = await HostileRun.RunAsync<PromotionWaitBuild>(root, ["WaitPromotion", "--to-kubeconfig", kubeconfig, "--image-repository", HostileClusterScene.Repository, .. arguments]);
        run.AssertHandled(2, 15, expect, HostileClusterScene.GoodToken);
        Assert.Equal(requests, scene.StandIn.Requests.Count);
        HardeningFigures.Record(output, "hostile", "cluster/name-" + name, ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }
}
