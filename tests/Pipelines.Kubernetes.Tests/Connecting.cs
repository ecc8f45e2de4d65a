using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

public sealed class Connecting
{
    [Fact]
    public async Task An_exec_credential_plugin_supplies_the_token_for_WaitRollout_and_kubectl_alike()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        var dir = Directory.CreateTempSubdirectory("exec-plugin-").FullName;
        try
        {
            var plugin = Path.Combine(dir, "get-token");
            File.WriteAllText(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"eks-token-123\"}}'\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var kubeconfig = standIn.WriteKubeconfig(dir, context: "eks", extraUserYaml:
                $"{{exec: {{apiVersion: client.authentication.k8s.io/v1beta1, command: {plugin}, args: [eks, get-token], interactiveMode: Never}}}}");
            DeploymentScript.Create(standIn, "shop", "web", RolloutScene.NewImage);

            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig, "eks"));
            var result = await new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web"));
            var ours = standIn.Requests.Select(r => r.Authorization).Distinct().ToList();
            // kubectl runs the same plugin entry; over plain HTTP client-go keeps exec credentials to itself, so only its exit code is compared.
            var kubectl = await new Kubectl(kubeconfig).RunAsync("get", "deploy", "web", "-n", "shop");

            Assert.Single(result.Workloads);
            Assert.Equal(["Bearer eks-token-123"], ours);
            Assert.True(kubectl.ExitCode == 0, kubectl.StandardError);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

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
