using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>A Flux custom resource as read: metadata plus spec and status left as JSON.</summary>
internal sealed class FluxObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public JsonElement Spec { get; set; }
    [JsonPropertyName("status")] public JsonElement Status { get; set; }

    public string? StatusString(string name) => Field(Status, name)?.GetString();

    public long StatusNumber(string name) => Field(Status, name) is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;

    public (string Status, string Reason, string Message)? Condition(string type)
    {
        if (Field(Status, "conditions") is not { ValueKind: JsonValueKind.Array } conditions) return null;
        foreach (var c in conditions.EnumerateArray())
            if (Field(c, "type")?.GetString() == type)
                return (Field(c, "status")?.GetString() ?? "Unknown", Field(c, "reason")?.GetString() ?? "", Field(c, "message")?.GetString() ?? "");
        return null;
    }

    public static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
}
