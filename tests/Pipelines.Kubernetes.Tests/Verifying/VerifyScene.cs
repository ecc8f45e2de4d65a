using System.Text.Json.Nodes;
using Pipelines.Kubernetes.Verifying;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Verifying;

/// <summary>
/// A deployed app for one test: the API stand-in with a rolled-out Deployment shop/web (two pods), a Service shop/web with port
/// 80 named http targeting the <see cref="ServedApp"/> that plays the app on this machine, and a connection to the stand-in.
/// </summary>
internal sealed class VerifyScene : IAsyncDisposable
{
    public const string Repository = "registry.example/shop/web";
    public const string Tag = "5d6e7f8";
    public const string Commit = "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0";

    private readonly string _dir;

    private VerifyScene(KubernetesStandIn standIn, ServedApp app, string dir)
    {
        (StandIn, App, _dir) = (standIn, app, dir);
        Kubeconfig = standIn.WriteKubeconfig(dir);
        Kubectl = new Kubectl(Kubeconfig);
        Connection = ClusterConnection.Open(new KubernetesConnectionOptions(Kubeconfig) { Environment = new Dictionary<string, string?>() });
        Deployment = DeploymentScript.Create(standIn, "shop", "web", $"{Repository}:{Tag}", replicas: 2);
    }

    public KubernetesStandIn StandIn { get; }
    public ServedApp App { get; }
    public string Kubeconfig { get; }
    public Kubectl Kubectl { get; }
    public ClusterConnection Connection { get; }
    public DeploymentScript Deployment { get; }
    public List<VerificationCheck> Progress { get; } = [];

    public static async Task<VerifyScene> StartAsync(bool tls = false, bool withService = true)
    {
        var standIn = await KubernetesStandIn.StartAsync(tls);
        var app = await ServedApp.StartAsync(() => (Tag, Commit));
        var scene = new VerifyScene(standIn, app, Directory.CreateTempSubdirectory("verify-").FullName);
        if (withService)
            ServiceManifests.Create(standIn, "shop", ServiceManifests.Service("web", "web", 80, "http", JsonValue.Create(app.Port)));
        return scene;
    }

    /// <summary>Options for the Service shop/web:http, with short bounds so a test ends in seconds.</summary>
    public static VerificationOptions Options(string path = "/version") => new()
    {
        App = VerificationEndpoint.Service(new ServiceAddress("shop", "web", "http")),
        Path = path,
        Image = new ExpectedImage(Repository, Tag),
        Workloads = [WorkloadReference.Parse("deployment/shop/web")],
        Interval = TimeSpan.FromMilliseconds(200),
        CheckTimeout = TimeSpan.FromSeconds(2),
        Grace = TimeSpan.FromSeconds(3),
    };

    public Task<VerificationResult> VerifyAsync(VerificationOptions options) =>
        Task.Run(() => new Verifier(Connection).VerifyAsync(options, new Progress<VerificationCheck>(c => { lock (Progress) Progress.Add(c); })));

    public async ValueTask DisposeAsync()
    {
        Connection.Client.Dispose();
        await App.DisposeAsync();
        await StandIn.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
