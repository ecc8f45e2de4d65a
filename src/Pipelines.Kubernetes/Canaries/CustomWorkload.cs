using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>A Rollout or Canary as read: metadata plus spec and status left as JSON, read through <see cref="JsonFields"/>.</summary>
internal sealed class CustomWorkload : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public JsonElement Spec { get; set; }
    [JsonPropertyName("status")] public JsonElement Status { get; set; }
}
