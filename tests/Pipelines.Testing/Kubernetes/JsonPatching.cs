using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on the stand-in's JSON objects.</summary>
public static class JsonPatching
{
    /// <summary>Applies a merge patch in place: objects merge, null removes, anything else replaces.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
                target.Remove(key);
            else if (value is JsonObject po && target[key] is JsonObject to)
                Merge(to, po);
            else if (value is JsonObject po2)
            {
                var fresh = new JsonObject();
                Merge(fresh, po2);
                target[key] = fresh;
            }
            else
                target[key] = value.DeepClone();
        }
    }

    /// <summary>Applies a JSON patch in place; a failed <c>test</c> or a missing path throws <see cref="StoreException"/> (422).</summary>
    public static void Apply(JsonObject target, JsonArray operations)
    {
        foreach (var op in operations.OfType<JsonObject>())
        {
            var kind = (string?)op["op"];
            var path = (string?)op["path"] ?? throw Invalid("path is required");
            switch (kind)
            {
                case "add": Set(target, path, op["value"]?.DeepClone(), insert: true); break;
                case "replace": Remove(target, path); Set(target, path, op["value"]?.DeepClone(), insert: true); break;
                case "remove": Remove(target, path); break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(target, path), op["value"])) throw Invalid($"test failed at {path}");
                    break;
                case "copy": Set(target, path, Find(target, (string)op["from"]!)?.DeepClone(), insert: true); break;
                case "move":
                    var moved = Find(target, (string)op["from"]!)?.DeepClone();
                    Remove(target, (string)op["from"]!);
                    Set(target, path, moved, insert: true);
                    break;
                default: throw Invalid($"unknown op '{kind}'");
            }
        }
    }

    private static string[] Segments(string path) =>
        path.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var s in Segments(path))
            node = node switch
            {
                JsonObject o when o.ContainsKey(s) => o[s],
                JsonArray a when int.TryParse(s, out var i) && i < a.Count => a[i],
                _ => throw Invalid($"path {path} does not exist"),
            };
        return node;
    }

    private static void Set(JsonObject root, string path, JsonNode? value, bool insert)
    {
        var segs = Segments(path);
        var parent = segs.Length == 1 ? root : Find(root, "/" + string.Join('/', segs[..^1].Select(s => s.Replace("~", "~0").Replace("/", "~1"))));
        var last = segs[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count:
                if (insert) a.Insert(i, value); else a[i] = value;
                break;
            default: throw Invalid($"path {path} does not exist");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var segs = Segments(path);
        var parent = segs.Length == 1 ? root : Find(root, "/" + string.Join('/', segs[..^1].Select(s => s.Replace("~", "~0").Replace("/", "~1"))));
        var last = segs[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count: a.RemoveAt(i); break;
            default: throw Invalid($"path {path} does not exist");
        }
    }

    private static StoreException Invalid(string message) => new(422, "Invalid", "the server rejected our request due to an error in our request: " + message);
}
