using System.Text.Json.Serialization;

namespace GitOpsAppDemo;

/// <summary>Source-generated JSON for the slim builder, which has no reflection-based serializer fallback.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BuildInfo))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
