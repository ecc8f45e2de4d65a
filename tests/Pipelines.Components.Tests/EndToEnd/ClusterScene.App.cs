using System.Text.Json.Nodes;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Components.Tests.EndToEnd;

public sealed partial class ClusterScene
{
    /// <summary>The app behind the Deployment's Service, when the scene serves one: it says it runs the tag of whatever image the
    /// Deployment rolled out last.</summary>
    public ServedApp? App { get; private set; }

    /// <summary>The stand-in, for what a test changes in the cluster (a pod restarting).</summary>
    public KubernetesStandIn StandIn => _standIn;

    /// <summary>A scene whose Deployment's pods serve the app behind the Service gitops-app-demo (port 80, named http), as the
    /// config repo template declares it: what Verify reaches through the API server's service proxy.</summary>
    public static async Task<ClusterScene> StartWithAppAsync(string configRepoBarePath, string kubeconfigDirectory, string environment = "dev")
    {
        var scene = await StartAsync(configRepoBarePath, kubeconfigDirectory, environment);
        scene.App = await ServedApp.StartAsync(() => (TagOf(scene._deployment.Image), "unknown"));
        ServiceManifests.Create(scene._standIn, AppNamespace, ServiceManifests.Service(Deployment, Deployment, 80, "http", JsonValue.Create(scene.App.Port)));
        return scene;
    }

    static string TagOf(string image)
    {
        var name = image.Split('@')[0];
        return name[(name.LastIndexOf(':') + 1)..];
    }
}
