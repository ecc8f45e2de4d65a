using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class Connecting
{
    [Fact]
    public async Task An_unknown_context_is_a_one_line_error_naming_the_known_ones()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        var dir = Directory.CreateTempSubdirectory("context-").FullName;
        try
        {
            var kubeconfig = standIn.WriteKubeconfig(dir, context: "prod");
            var error = Assert.Throws<KubernetesConnectionException>(() => ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig, "staging")));
            Assert.Equal($"kube context 'staging' is not in {kubeconfig}; use one of prod", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_kubeconfig_is_a_one_line_error()
    {
        var error = Assert.Throws<KubernetesConnectionException>(() => ClusterConnection.Open(new KubernetesConnectionOptions("no-such-kubeconfig")));
        Assert.Equal("kubeconfig 'no-such-kubeconfig' does not exist; give the path of a kubeconfig file", error.Message);
    }

    [Fact]
    public void A_kubeconfig_that_is_not_YAML_is_a_one_line_error_naming_the_input()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{{ not: [yaml");
            var error = Assert.Throws<KubernetesConnectionException>(() => ClusterConnection.Open(new KubernetesConnectionOptions(file)));
            Assert.StartsWith($"kubeconfig {file} cannot be used: ", error.Message);
            Assert.EndsWith("; fix it, or give another kubeconfig", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_is_a_one_line_error_naming_the_server()
    {
        string kubeconfig;
        Uri address;
        var dir = Directory.CreateTempSubdirectory("closed-").FullName;
        await using (var standIn = await KubernetesStandIn.StartAsync())
        {
            kubeconfig = standIn.WriteKubeconfig(dir);
            address = standIn.BaseAddress;
        }
        try
        {
            var watcher = new RolloutWatcher(ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig)));
            var error = await Assert.ThrowsAsync<ClusterAccessException>(() => watcher.WaitAsync(RolloutScene.For("deployment/shop/web")));
            Assert.StartsWith($"the Kubernetes API at {address}", error.Message);
            Assert.EndsWith("check the kubeconfig, the kube context and the network path to the cluster", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
