using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>Services for the stand-in, as a config repo declares them.</summary>
public static class ServiceManifests
{
    /// <summary>A ClusterIP Service selecting <c>app: <paramref name="app"/></c>, with one port <paramref name="port"/> named
    /// <paramref name="portName"/> (none when null) that targets <paramref name="targetPort"/>: a number, or a container port's name.</summary>
    public static JsonObject Service(string name, string app, int port, string? portName, JsonNode targetPort)
    {
        var servicePort = new JsonObject { ["port"] = port, ["protocol"] = "TCP", ["targetPort"] = targetPort };
        if (portName is not null) servicePort["name"] = portName;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = app } },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP", ["clusterIP"] = "10.96.0.10",
                ["selector"] = new JsonObject { ["app"] = app },
                ["ports"] = new JsonArray(servicePort),
            },
        };
    }

    /// <summary>Creates <paramref name="service"/> in <paramref name="ns"/>.</summary>
    public static void Create(KubernetesStandIn standIn, string ns, JsonObject service)
    {
        standIn.EnsureNamespace(ns);
        standIn.Store.Create(ApiResource.ByKind("Service"), ns, service);
    }
}
