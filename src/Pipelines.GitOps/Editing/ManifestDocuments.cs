using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps;

/// <summary>
/// Loads a manifest's documents in one pass over YamlDotNet's events, within <see cref="ManifestLimits"/>, with no
/// recursion. It accepts and refuses exactly what loading YamlDotNet's representation model does: that model's only
/// check beyond the parser's is a repeated key, done here for scalar keys; a file with a sequence or mapping as a key
/// is loaded into the model as well, so its keys are compared the model's way. Building the model for every file cost
/// a third of the edit's time (a dictionary per mapping) and recursed once per level of nesting.
/// </summary>
static class ManifestDocuments
{
    // Past this many keys a mapping's repeats are found with a set instead of by comparing each pair.
    const int LinearKeys = 16;

    /// <summary>The root node of each document, in order.</summary>
    /// <exception cref="ManifestParseException">The text is not valid YAML.</exception>
    /// <exception cref="ManifestLimitException">The text is past a bound.</exception>
    public static List<ManifestNode> Load(string file, string text)
    {
        try
        {
            var roots = Build(file, new BoundedYamlParser(file, new Parser(new StringReader(text))), out var complexKeys);
            if (complexKeys)
                new YamlStream().Load(new BoundedYamlParser(file, new Parser(new StringReader(text))));
            return roots;
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            reason = cut >= 0 ? reason[(cut + 3)..] : reason;
            throw new ManifestParseException(file, ex.Start.Line, reason.TrimEnd('.'), ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // The text is untrusted: whatever YamlDotNet trips over is this file's fault, and says so in one line.
            throw new ManifestParseException(file, 1, ex.Message.ReplaceLineEndings(" ").TrimEnd('.'), ex);
        }
    }

    static List<ManifestNode> Build(string file, IParser parser, out bool complexKeys)
    {
        complexKeys = false;
        var roots = new List<ManifestNode>();
        var open = new List<ManifestNode>();
        ManifestNode? root = null;
        Dictionary<string, ManifestNode>? anchors = null;
        while (parser.MoveNext())
        {
            ManifestNode? node = null;
            var opened = false;
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors?.Clear();
                    root = null;
                    continue;
                case DocumentEnd:
                    if (root is not null)
                        roots.Add(root);
                    continue;
                case Scalar scalar:
                    node = new ManifestScalar(scalar);
                    Anchor(scalar, node, ref anchors);
                    break;
                case SequenceStart sequence:
                    node = new ManifestSequence(sequence);
                    Anchor(sequence, node, ref anchors);
                    opened = true;
                    break;
                case MappingStart mapping:
                    node = new ManifestMapping(mapping);
                    Anchor(mapping, node, ref anchors);
                    opened = true;
                    break;
                case AnchorAlias alias:
                    // The bounded parser lets an alias through only when its anchor names a complete node.
                    node = anchors![alias.Value.Value];
                    break;
                case SequenceEnd or MappingEnd:
                    var closed = open[^1];
                    open.RemoveAt(open.Count - 1);
                    // The model compares a key with the earlier ones once its value is complete; a collection's only now.
                    if (open.Count > 0 && open[^1] is ManifestMapping owner && owner.Values.Count > 0 && ReferenceEquals(owner.Values[^1], closed))
                        RefuseRepeat(file, owner);
                    continue;
                default:
                    continue;
            }
            if (open.Count == 0)
                root ??= node;
            else if (open[^1] is ManifestSequence sequence)
                sequence.Items.Add(node);
            else
            {
                var mapping = (ManifestMapping)open[^1];
                if (mapping.Keys.Count == mapping.Values.Count)
                {
                    mapping.Keys.Add(node);
                    complexKeys |= node is not ManifestScalar;
                }
                else
                {
                    mapping.Values.Add(node);
                    if (!opened)
                        RefuseRepeat(file, mapping);
                }
            }
            if (opened)
                open.Add(node);
        }
        return roots;
    }

    static void Anchor(NodeEvent start, ManifestNode node, ref Dictionary<string, ManifestNode>? anchors)
    {
        if (!start.Anchor.IsEmpty)
            (anchors ??= new Dictionary<string, ManifestNode>(StringComparer.Ordinal))[start.Anchor.Value] = node;
    }

    /// <summary>Refuses the mapping's newest key when an earlier scalar key equals it.</summary>
    static void RefuseRepeat(string file, ManifestMapping mapping)
    {
        if (mapping.Keys[^1] is not ManifestScalar key)
            return;
        if (mapping.Keys.Count <= LinearKeys)
        {
            for (var i = 0; i < mapping.Keys.Count - 1; i++)
            {
                if (mapping.Keys[i] is ManifestScalar earlier && earlier.SameKeyAs(key))
                    throw Repeated(file, key);
            }
            return;
        }
        if (mapping.KeySet is null)
        {
            mapping.KeySet = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < mapping.Keys.Count - 1; i++)
            {
                if (mapping.Keys[i] is ManifestScalar earlier)
                    mapping.KeySet.Add(earlier.Identity);
            }
        }
        if (!mapping.KeySet.Add(key.Identity))
            throw Repeated(file, key);
    }

    // YamlDotNet's model words it the same: the refusal is the one a user saw before.
    static ManifestParseException Repeated(string file, ManifestScalar key) => new(file, key.Start.Line, $"Duplicate key {key.Value}");
}
