using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>A list of Rollouts or Canaries.</summary>
internal sealed class CustomWorkloadList : IKubernetesObject<V1ListMeta>, IItems<CustomWorkload>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    [JsonPropertyName("items")] public IList<CustomWorkload> Items { get; set; } = [];
}
