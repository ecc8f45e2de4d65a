using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>The server-side printing (<c>as=Table</c>) that <c>kubectl get</c> asks for, with kubectl's usual columns.</summary>
public static class StandInTable
{
    /// <summary>A meta.k8s.io/v1 Table of <paramref name="items"/>.</summary>
    public static JsonObject For(ApiResource resource, IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        if (resource.Definition is { } definition)
            return CustomResourceTable.For(definition, items, resourceVersion);
        var columns = resource.Kind switch
        {
            "Deployment" => new[] { "Name", "Ready", "Up-to-date", "Available" },
            "StatefulSet" => ["Name", "Ready"],
            "DaemonSet" => ["Name", "Desired", "Current", "Ready", "Up-to-date", "Available"],
            "Pod" => ["Name", "Ready", "Status", "Restarts"],
            _ => ["Name"],
        };
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray(columns.Select(c => (JsonNode?)Cell(resource.Kind, c, item)).ToArray());
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() },
            });
        }
        return new JsonObject
        {
            ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c, ["type"] = "string", ["format"] = c == "Name" ? "name" : "", ["description"] = c, ["priority"] = 0,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static string Cell(string kind, string column, JsonObject o)
    {
        long S(string field) => JsonNumber.Of(o["status"]?[field]) ?? 0;
        long Spec(string field) => JsonNumber.Of(o["spec"]?[field]) ?? 1;
        return (kind, column) switch
        {
            (_, "Name") => (string)o["metadata"]!["name"]!,
            ("Deployment", "Ready") => $"{S("readyReplicas")}/{Spec("replicas")}",
            ("Deployment", "Up-to-date") => S("updatedReplicas").ToString(),
            ("Deployment", "Available") => S("availableReplicas").ToString(),
            ("StatefulSet", "Ready") => $"{S("readyReplicas")}/{Spec("replicas")}",
            ("DaemonSet", "Desired") => S("desiredNumberScheduled").ToString(),
            ("DaemonSet", "Current") => S("currentNumberScheduled").ToString(),
            ("DaemonSet", "Ready") => S("numberReady").ToString(),
            ("DaemonSet", "Up-to-date") => S("updatedNumberScheduled").ToString(),
            ("DaemonSet", "Available") => S("numberAvailable").ToString(),
            ("Pod", "Ready") => $"{o["status"]?["containerStatuses"]?.AsArray().Count(c => (bool?)c?["ready"] == true) ?? 0}/{o["spec"]?["containers"]?.AsArray().Count ?? 0}",
            ("Pod", "Status") => (string?)o["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] ?? (string?)o["status"]?["phase"] ?? "Unknown",
            ("Pod", "Restarts") => (JsonNumber.Of(o["status"]?["containerStatuses"]?[0]?["restartCount"]) ?? 0).ToString(),
            _ => "",
        };
    }
}
