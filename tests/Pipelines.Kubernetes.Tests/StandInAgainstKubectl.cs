using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class StandInAgainstKubectl : StandInWithKubectl
{
    [Fact]
    public async Task Kubectl_gets_patches_and_waits_for_a_completed_rollout()
    {
        DeploymentScript.Create(StandIn, "apps", "web", "registry.example/app:v1");

        var get = await Kubectl.RunAsync("get", "deploy", "-n", "apps");
        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Contains("web", get.StandardOutput);
        Assert.Contains("3/3", get.StandardOutput);

        var patch = await Kubectl.RunAsync("patch", "deployment", "web", "-n", "apps", "-p", """{"metadata":{"labels":{"team":"a"}}}""");
        Assert.True(patch.ExitCode == 0, patch.StandardError);
        var json = await Kubectl.RunAsync("get", "deployment/web", "-n", "apps", "-o", "jsonpath={.metadata.labels.team}");
        Assert.True(json.StandardOutput.Trim() == "a", json.StandardOutput + json.StandardError);

        var status = await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "apps", "--timeout=20s");
        Assert.True(status.ExitCode == 0, status.StandardError);
        Assert.Contains("successfully rolled out", status.StandardOutput);
    }
}
