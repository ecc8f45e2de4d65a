using System.Text;
using System.Text.Json;

namespace Pipelines.Parameters;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> so editors validate <c>parameters.json</c>. The bytes depend only on the
/// parameters (ordered by name, LF line endings), so a regenerated schema never shows up as a change by itself.
/// </summary>
internal static class SchemaWriter
{
    public const string RelativePath = ".nuke/build.schema.json";

    public static string Generate(IReadOnlyList<ParameterModel> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            json.WriteString("title", "Build parameters");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in parameters.OrderBy(p => p.Description.MemberName, StringComparer.Ordinal))
            {
                var d = parameter.Description;
                json.WriteStartObject(d.MemberName);
                WriteType(json, Nullable.GetUnderlyingType(d.Type) ?? d.Type);
                var description = d.Description + (d.IsSecret ? " (secret: prefer the environment to this file)" : "");
                if (description.Length > 0)
                    json.WriteString("description", description.Trim());
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    static void WriteType(Utf8JsonWriter json, Type type)
    {
        if (type == typeof(bool))
            json.WriteString("type", "boolean");
        else if (type == typeof(int))
            json.WriteString("type", "integer");
        else if (type.IsEnum)
        {
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(type))
                json.WriteStringValue(name);
            json.WriteEndArray();
        }
        else if (type == typeof(string[]))
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("type", "string");
            json.WriteEndObject();
        }
        else if (type == typeof(Uri))
        {
            json.WriteString("type", "string");
            json.WriteString("format", "uri");
        }
        else if (type == typeof(TimeSpan))
        {
            json.WriteString("type", "string");
            json.WriteString("pattern", @"^(\d+(\.\d+)?(ms|s|m|h|d))+$|^(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$");
        }
        else
            json.WriteString("type", "string");
    }
}
