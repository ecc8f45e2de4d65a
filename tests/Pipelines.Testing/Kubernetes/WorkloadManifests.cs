using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>Minimal but realistic workload objects for the stand-in (what a cluster would hold after defaulting).</summary>
public static class WorkloadManifests
{
    /// <summary>A Deployment with one container <c>app</c>.</summary>
    public static JsonObject Deployment(string name, string image, int replicas = 3, int progressDeadlineSeconds = 600) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas, ["progressDeadlineSeconds"] = progressDeadlineSeconds, ["revisionHistoryLimit"] = 10,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } },
            ["template"] = Template(name, image),
        },
    };

    /// <summary>A StatefulSet; <paramref name="partition"/> null leaves <c>rollingUpdate</c> out, <paramref name="onDelete"/> uses the OnDelete strategy.</summary>
    public static JsonObject StatefulSet(string name, string image, int replicas = 3, int? partition = 0, bool onDelete = false) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas, ["serviceName"] = name,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["updateStrategy"] = onDelete ? new JsonObject { ["type"] = "OnDelete" }
                : partition is null ? new JsonObject { ["type"] = "RollingUpdate" }
                : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = partition } },
            ["template"] = Template(name, image),
        },
    };

    /// <summary>A DaemonSet.</summary>
    public static JsonObject DaemonSet(string name, string image, bool onDelete = false) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["updateStrategy"] = onDelete ? new JsonObject { ["type"] = "OnDelete" }
                : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1 } },
            ["template"] = Template(name, image),
        },
    };

    /// <summary>A pod template with one container named <c>app</c>.</summary>
    public static JsonObject Template(string app, string image) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image, ["imagePullPolicy"] = "IfNotPresent" }),
            ["restartPolicy"] = "Always",
        },
    };
}
