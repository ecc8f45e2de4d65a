using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The server-side printing of a custom resource, as kube-apiserver does it from the definition: a Name column, then every
/// <c>additionalPrinterColumns</c> entry with its priority, each cell the value at its JSON path (dates as an age).
/// </summary>
internal static class CustomResourceTable
{
    public static JsonObject For(CustomResourceDefinition definition, IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        var columns = new JsonArray(new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "Name must be unique within a namespace.", ["priority"] = 0 });
        foreach (var c in definition.PrinterColumns)
            columns.Add(new JsonObject { ["name"] = c.Name, ["type"] = c.Type == "date" ? "date" : c.Type, ["format"] = "", ["description"] = c.Name, ["priority"] = c.Priority });
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray((JsonNode?)(string?)item["metadata"]?["name"]);
            foreach (var c in definition.PrinterColumns)
                cells.Add(Cell(c, item));
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() },
            });
        }
        return new JsonObject
        {
            ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = columns, ["rows"] = rows,
        };
    }

    private static JsonNode? Cell(PrinterColumn column, JsonObject item)
    {
        var value = column.JsonPath.TrimStart('.').Split('.').Aggregate((JsonNode?)item, (node, segment) => node is JsonObject o ? o[segment] : null);
        if (value is null) return null;
        if (column.Type == "date" && DateTimeOffset.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return Age(DateTimeOffset.UtcNow - t);
        return value.DeepClone();
    }

    // k8s.io/apimachinery's HumanDuration, as kubectl prints AGE.
    private static string Age(TimeSpan d)
    {
        var s = (long)Math.Max(0, d.TotalSeconds);
        if (s < 120) return $"{s}s";
        var m = s / 60;
        if (m < 10) return s % 60 == 0 ? $"{m}m" : $"{m}m{s % 60}s";
        if (m < 180) return $"{m}m";
        var h = m / 60;
        if (h < 8) return m % 60 == 0 ? $"{h}h" : $"{h}h{m % 60}m";
        if (h < 48) return $"{h}h";
        return h < 24 * 8 ? (h % 24 == 0 ? $"{h / 24}d" : $"{h / 24}d{h % 24}h") : $"{h / 24}d";
    }
}
