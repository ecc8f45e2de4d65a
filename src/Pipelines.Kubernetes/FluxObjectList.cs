using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>A list of Flux custom resources.</summary>
internal sealed class FluxObjectList : IKubernetesObject<V1ListMeta>, IItems<FluxObject>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    [JsonPropertyName("items")] public IList<FluxObject> Items { get; set; } = [];
}
