using Pipelines.Testing.Kubernetes;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Tests.Kubeconfig;

/// <summary>
/// A TLS stand-in with one rolled-out Deployment, and a folder for kubeconfigs, token files, keys and plugins. <see cref="BothAsync"/>
/// reads one kubeconfig with WaitRollout's connection and with real kubectl, so each form is judged by the same file.
/// </summary>
internal sealed class KubeconfigScene : IAsyncDisposable
{
    private KubeconfigScene(KubernetesStandIn standIn, string directory) => (StandIn, Directory) = (standIn, directory);

    public KubernetesStandIn StandIn { get; }
    public string Directory { get; }
    public SecretMasker Secrets { get; } = new();

    public static async Task<KubeconfigScene> StartAsync(bool tls = true)
    {
        var standIn = await KubernetesStandIn.StartAsync(tls);
        DeploymentScript.Create(standIn, "shop", "web", RolloutScene.NewImage);
        return new KubeconfigScene(standIn, System.IO.Directory.CreateTempSubdirectory("kubeconfig-forms-").FullName);
    }

    public string Write(string userYaml, string fileName = "kubeconfig") =>
        StandIn.WriteKubeconfig(Directory, context: "forms", extraUserYaml: userYaml, fileName: fileName);

    public string File(string name, string text, bool executable = false)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, text);
        if (executable && !OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A plugin that prints an ExecCredential with <paramref name="status"/> (JSON).</summary>
    public string Plugin(string name, string status) =>
        File(name, "#!/bin/sh\ncat <<'EOF'\n{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":" + status + "}\nEOF\n", executable: true);

    /// <summary>The last request <see cref="BothAsync"/> saw from WaitRollout's connection, and from kubectl.</summary>
    public ApiRequest? LastOurs { get; private set; }

    /// <inheritdoc cref="LastOurs"/>
    public ApiRequest? LastKubectl { get; private set; }

    /// <summary>WaitRollout's connection waits for deployment/shop/web; kubectl lists deployments in every namespace.</summary>
    public async Task<(Exception? Ours, string? OursAs, ProcessResult Kubectl, string? KubectlAs)> BothAsync(string kubeconfig, KubernetesConnectionOptions? options = null)
    {
        var before = StandIn.Requests.Count;
        Exception? ours = null;
        try
        {
            var connection = ClusterConnection.Open((options ?? new KubernetesConnectionOptions()) with { Kubeconfig = kubeconfig, Secrets = options?.Secrets ?? Secrets });
            using (connection.Client)
                await new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web"));
        }
        catch (Exception e)
        {
            ours = e;
        }
        LastOurs = StandIn.Requests.Skip(before).LastOrDefault();
        var middle = StandIn.Requests.Count;
        var kubectl = await new Kubectl(kubeconfig).RunAsync("get", "deployments", "-A");
        LastKubectl = StandIn.Requests.Skip(middle).LastOrDefault();
        return (ours, LastOurs?.User, kubectl, LastKubectl?.User);
    }

    /// <summary>WaitRollout's connection alone, and the user the stand-in took it for.</summary>
    public async Task<(Exception? Ours, string? OursAs)> OursAsync(string kubeconfig)
    {
        var before = StandIn.Requests.Count;
        try
        {
            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig) { Secrets = Secrets });
            using (connection.Client)
                await new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web"));
            return (null, StandIn.Requests.Skip(before).LastOrDefault()?.User);
        }
        catch (Exception e)
        {
            return (e, StandIn.Requests.Skip(before).LastOrDefault()?.User);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
