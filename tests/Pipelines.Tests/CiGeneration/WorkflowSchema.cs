using System.Text.Json;
using Json.Schema;

namespace Pipelines.Tests.CiGeneration;

/// <summary>The GitHub workflow JSON schema (SchemaStore), checked with JsonSchema.Net.</summary>
internal static class WorkflowSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(TestFiles.Path("github-workflow.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>Fails the test with every schema error when the workflow does not validate.</summary>
    public static void AssertValid(string name, string yaml)
    {
        var json = WorkflowJson.Parse(yaml);
        using var document = JsonDocument.Parse(json!.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        Assert.True(result.IsValid, $"{name} does not validate against github-workflow.json:\n{string.Join('\n', errors)}");
    }
}
