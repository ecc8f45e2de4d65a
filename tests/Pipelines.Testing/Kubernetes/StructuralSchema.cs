using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The part of kube-apiserver's handling of a structural schema that decides what is stored: unknown fields dropped (or, strict,
/// refused), and values of the wrong type, outside an enum, against a pattern or missing when required refused with 422.
/// <c>metadata</c> is left to the server, as there; <c>x-kubernetes-preserve-unknown-fields</c> and
/// <c>x-kubernetes-int-or-string</c> mean what they mean there.
/// </summary>
internal static class StructuralSchema
{
    /// <summary>Checks <paramref name="root"/> in place: drops unknown fields (<see cref="FieldValidation.Prune"/>) or lists them as errors.</summary>
    public static List<string> Check(JsonObject root, JsonObject schema, FieldValidation mode)
    {
        var errors = new List<string>();
        if (mode != FieldValidation.None)
            CheckObject(root, schema, "", mode, errors, isRoot: true);
        return errors;
    }

    private static void Check(JsonNode? node, JsonObject schema, string path, FieldValidation mode, List<string> errors)
    {
        if (node is null) return; // null clears a field, as in a merge patch
        if ((bool?)schema["x-kubernetes-int-or-string"] == true)
        {
            if (Kind(node) is not (JsonValueKind.String or JsonValueKind.Number) || Kind(node) == JsonValueKind.Number && !IsWhole(node))
                errors.Add($"{path}: Invalid value: {Show(node)}: {path} in body must be of type integer-or-string");
            return;
        }
        var type = (string?)schema["type"];
        switch (type)
        {
            case "object" when node is JsonObject o:
                CheckObject(o, schema, path, mode, errors, isRoot: false);
                return;
            case "array" when node is JsonArray a:
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < a.Count; i++) Check(a[i], items, $"{path}[{i}]", mode, errors);
                return;
            case "string" when Kind(node) == JsonValueKind.String:
                var text = node.GetValue<string>();
                if (schema["enum"] is JsonArray allowed && !allowed.Any(v => (string?)v == text))
                    errors.Add($"{path}: Unsupported value: \"{text}\": supported values: {string.Join(", ", allowed.Select(v => $"\"{v}\""))}");
                if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern))
                    errors.Add($"{path}: Invalid value: \"{text}\": {path} in body should match '{pattern}'");
                if ((string?)schema["format"] == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                    errors.Add($"{path}: Invalid value: \"{text}\": {path} in body must be of type date-time: \"{text}\"");
                return;
            case "integer" when Kind(node) == JsonValueKind.Number && IsWhole(node):
            case "number" when Kind(node) == JsonValueKind.Number:
            case "boolean" when Kind(node) is JsonValueKind.True or JsonValueKind.False:
            case null:
                return;
            default:
                errors.Add($"{path}: Invalid value: {Show(node)}: {path} in body must be of type {type}: {Show(node)}");
                return;
        }
    }

    private static void CheckObject(JsonObject o, JsonObject schema, string path, FieldValidation mode, List<string> errors, bool isRoot)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = (bool?)schema["x-kubernetes-preserve-unknown-fields"] == true;
        foreach (var name in o.Select(kv => kv.Key).ToList())
        {
            var child = path.Length == 0 ? name : $"{path}.{name}";
            if (isRoot && name == "metadata") continue;
            if (properties?[name] is JsonObject property)
                Check(o[name], property, child, mode, errors);
            else if (additional is not null)
                Check(o[name], additional, child, mode, errors);
            else if (preserve)
                continue;
            else if (mode == FieldValidation.Strict)
                errors.Add($"unknown field \"{child}\"");
            else
                o.Remove(name);
        }
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
            if (o[required] is null && !(isRoot && required is "metadata" or "apiVersion" or "kind"))
                errors.Add($"{(path.Length == 0 ? required : $"{path}.{required}")}: Required value");
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();

    // Whatever CLR type the number was stored as: its JSON text decides.
    private static bool IsWhole(JsonNode node) =>
        double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d;

    private static string Show(JsonNode node) => Kind(node) switch
    {
        JsonValueKind.String => $"\"{node.GetValue<string>()}\"",
        JsonValueKind.Object => "\"object\"",
        JsonValueKind.Array => "\"array\"",
        _ => node.ToJsonString(),
    };
}
