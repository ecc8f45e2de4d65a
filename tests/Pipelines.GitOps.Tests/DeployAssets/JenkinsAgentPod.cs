using Pipelines.GitOps.Tests.Scaffolding;
using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.DeployAssets;

/// <summary>deploy/jenkins-agent-pod.yaml builds images without the node's Docker daemon or any elevated rights.</summary>
public sealed class JenkinsAgentPod
{
    private static readonly string PodFile = RepositoryLayout.PathOf("deploy/jenkins-agent-pod.yaml");

    private static YamlMappingNode Pod => Yaml.DocumentsIn(PodFile).Single();

    private static IEnumerable<YamlNode> Containers =>
        Pod.Items("spec", "containers").Concat(Pod.Items("spec", "initContainers"));

    [Fact]
    public void Is_a_pod_with_the_dotnet_sdk_container()
    {
        Assert.Equal("Pod", Pod.Text("kind"));
        var dotnet = Assert.Single(Containers, container => container.Text("name") == "dotnet");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", dotnet.Text("image"));
    }

    [Fact]
    public void Mounts_no_docker_socket_and_no_host_path()
    {
        Assert.DoesNotContain(Pod.Scalars(), value => value.Contains("docker.sock", StringComparison.Ordinal));
        Assert.DoesNotContain(Pod.Items("spec", "volumes"), volume => volume.At("hostPath") is not null);
        Assert.DoesNotContain(Containers.SelectMany(container => container.Items("volumeMounts")),
            mount => mount.Text("mountPath")!.Contains("docker", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_runs_privileged_or_as_root()
    {
        Assert.Equal("true", Pod.Text("spec", "securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", Pod.Text("spec", "securityContext", "runAsUser"));
        foreach (var flag in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            Assert.NotEqual("true", Pod.Text("spec", flag));
        }

        foreach (var container in Containers)
        {
            Assert.NotEqual("true", container.Text("securityContext", "privileged"));
            Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
            Assert.Empty(container.Items("securityContext", "capabilities", "add"));
        }
    }

    [Fact]
    public void Runs_under_the_service_account_that_the_rbac_defines()
    {
        var accounts = Yaml.DocumentsIn(RepositoryLayout.PathOf("deploy/rbac.yaml")).OfKind("ServiceAccount");

        Assert.Contains(accounts, account => account.Text("metadata", "name") == Pod.Text("spec", "serviceAccountName"));
    }
}
