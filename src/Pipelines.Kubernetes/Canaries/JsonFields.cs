using System.Globalization;
using System.Text.Json;

namespace Pipelines.Kubernetes;

/// <summary>
/// Reads fields of a controller's status that may be missing, of another type, or garbled: a field that is not what the schema
/// says is taken as absent, never as an exception, so that a status the watcher does not understand is "not done yet".
/// </summary>
internal static class JsonFields
{
    /// <summary>The element at <paramref name="path"/>, when every step is an object that has the next name and the value is not null.</summary>
    public static JsonElement? At(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next) || next.ValueKind == JsonValueKind.Null)
                return null;
            current = next;
        }
        return current;
    }

    /// <summary>A string field, or null.</summary>
    public static string? Text(JsonElement element, params string[] path) =>
        At(element, path) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    /// <summary>A whole-number field (also written as a string of digits, as Argo Rollouts writes observedGeneration), or null.</summary>
    public static long? Number(JsonElement element, params string[] path) => At(element, path) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && d is >= long.MinValue and <= long.MaxValue && Math.Floor(d) == d => (long)d,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>A boolean field; false when absent or of another type.</summary>
    public static bool Flag(JsonElement element, params string[] path) => At(element, path) is { ValueKind: JsonValueKind.True };

    /// <summary>The items of an array field; none when absent or of another type.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, params string[] path) =>
        At(element, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];

    /// <summary>A date-time field (RFC 3339), or null.</summary>
    public static DateTimeOffset? Time(JsonElement element, params string[] path) =>
        Text(element, path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;

    /// <summary>The string values of an object field (e.g. <c>matchLabels</c>); non-string values are left out.</summary>
    public static IDictionary<string, string> Labels(JsonElement element, params string[] path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (At(element, path) is { ValueKind: JsonValueKind.Object } map)
            foreach (var p in map.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) labels[p.Name] = p.Value.GetString()!;
        return labels;
    }

    /// <summary>The condition of <paramref name="type"/> in <c>status.conditions</c>, or null.</summary>
    public static JsonElement? Condition(JsonElement status, string type) =>
        Items(status, "conditions").Cast<JsonElement?>().FirstOrDefault(c => Text(c!.Value, "type") == type);
}
