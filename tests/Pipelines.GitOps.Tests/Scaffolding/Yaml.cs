using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>Small read-only navigation over YamlDotNet's representation model for assertions.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToArray();
    }

    public static IReadOnlyList<YamlMappingNode> DocumentsIn(string path) => Documents(File.ReadAllText(path));

    /// <summary>The node at a path of mapping keys, or null when any step is missing.</summary>
    public static YamlNode? At(this YamlNode node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] keys) => (node.At(keys) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] keys) =>
        node.At(keys) is YamlSequenceNode sequence ? sequence.Children : [];

    public static YamlMappingNode Single(this IEnumerable<YamlMappingNode> documents, string kind, string name) =>
        documents.Single(document => document.Text("kind") == kind && document.Text("metadata", "name") == name);

    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> documents, string kind) =>
        documents.Where(document => document.Text("kind") == kind);

    /// <summary>Every scalar value (not key) anywhere under the node; comments are not part of it.</summary>
    public static IEnumerable<string> Scalars(this YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(Scalars),
        _ => [],
    };
}
