using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>Reads a JSON number whatever CLR type it was stored as (parsed, int or long).</summary>
public static class JsonNumber
{
    /// <summary>The number, or null when absent.</summary>
    public static long? Of(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
}
