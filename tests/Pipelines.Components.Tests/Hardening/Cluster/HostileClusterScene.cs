using Pipelines.Testing.Kubernetes;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>
/// What the hostile cluster cases share: a TLS stand-in that checks credentials (one accepted token, one rolled-out Deployment)
/// and a folder per case for kubeconfigs and plugins, each plugin carrying a marker so that a process it leaves can be found.
/// </summary>
public sealed class HostileClusterScene : IAsyncLifetime
{
    public const string Repository = "registry.example/shop/web";
    public const string Tag = "abc1234";
    public const string GoodToken = "hostile-good-token-5150";

    string _work = null!;

    public KubernetesStandIn StandIn { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("pipelines-hostile-cluster-").FullName;
        StandIn = await KubernetesStandIn.StartAsync(tls: true);
        StandIn.AcceptToken(GoodToken, "deployer");
        DeploymentScript.Create(StandIn, "shop", "web", $"{Repository}:{Tag}", replicas: 1);
    }

    /// <summary>A new folder (the build's root) for one case.</summary>
    public string NewRoot(string name)
    {
        var root = Path.Combine(_work, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>A kubeconfig in <paramref name="root"/> for the stand-in with <paramref name="userYaml"/> as its user.</summary>
    public string Kubeconfig(string root, string userYaml) => StandIn.WriteKubeconfig(root, "hostile", extraUserYaml: userYaml);

    /// <summary>A kubeconfig in <paramref name="root"/> for any <paramref name="server"/> (with the stand-in's CA).</summary>
    public string KubeconfigFor(string root, string server, string userYaml = "{token: " + GoodToken + "}")
    {
        var path = Kubeconfig(root, userYaml);
        File.WriteAllText(path, File.ReadAllText(path).Replace(StandIn.BaseAddress.ToString().TrimEnd('/'), server));
        return path;
    }

    /// <summary>An executable script in <paramref name="root"/>; the kubeconfig calls it as <c>./name</c>.</summary>
    public static string Plugin(string root, string name, string body)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A kubeconfig user that runs <c>./name</c>.</summary>
    public static string ExecUser(string name, string apiVersion = "client.authentication.k8s.io/v1beta1", string mode = "Never", string extra = "") =>
        $"{{exec: {{apiVersion: {apiVersion}, command: ./{name}, interactiveMode: {mode}{extra}}}}}";

    /// <summary>WaitRollout's arguments for the stand-in's Deployment with <paramref name="kubeconfig"/>, then <paramref name="more"/>.</summary>
    public static string[] Wait(string kubeconfig, params string[] more) =>
        ["WaitRollout", "--kubeconfig", kubeconfig, "--image-repository", Repository, "--image-tag", Tag, "--workload", "deployment/shop/web",
            "--timeout", "00:01:00", .. more];

    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
