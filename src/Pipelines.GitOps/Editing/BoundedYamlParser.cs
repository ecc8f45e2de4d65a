using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipelines.GitOps;

/// <summary>
/// Passes YamlDotNet's events on to whatever loads them, and stops the stream at the first event past a bound of
/// <see cref="ManifestLimits"/>. YamlDotNet bounds recursion only in its object deserializer (<c>WithMaximumRecursion</c>)
/// and event counts only in its <c>MergingParser</c>; the representation model the byte-exact editor needs has neither,
/// so 100,000 nested <c>[</c> overflow its recursive loader's stack and an alias bomb makes every walk of the document
/// exponential. Counting here costs one pass over events that are read anyway, and the loader never sees an event past
/// a bound, so it never recurses deeper than <see cref="ManifestLimits.MaxDepth"/>.
/// </summary>
/// <param name="file">The file, for the error.</param>
/// <param name="inner">The parser over the file's text.</param>
sealed class BoundedYamlParser(string file, IParser inner) : IParser
{
    // One entry per open collection: how many nodes it holds so far (aliases expanded) and its tallest child.
    long[] nodes = new long[32];
    int[] tallest = new int[32];
    string?[] anchors = new string?[32];
    int depth;
    long total;
    // What each complete anchored node expands to, per document; an alias may only refer to a complete node, which
    // also keeps the loaded graph free of cycles.
    Dictionary<string, Expansion>? anchored;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        switch (inner.Current)
        {
            case Scalar scalar:
                Add(1, 0, scalar);
                if (!scalar.Anchor.IsEmpty)
                    Remember(scalar.Anchor.Value, new Expansion(1, 0));
                break;
            case SequenceStart or MappingStart:
                Open((NodeEvent)inner.Current);
                break;
            case SequenceEnd or MappingEnd:
                Close();
                break;
            case AnchorAlias alias:
                if (anchored is null || !anchored.TryGetValue(alias.Value.Value, out var expansion))
                    throw new ManifestParseException(file, alias.Start.Line, $"alias '*{alias.Value.Value}' refers to no complete node before it");
                Add(expansion.Nodes, expansion.Height, alias);
                break;
            case DocumentStart:
                anchored?.Clear();
                break;
        }
        return true;
    }

    void Open(NodeEvent start)
    {
        if (depth + 1 > ManifestLimits.MaxDepth)
            throw new ManifestLimitException(file, start.Start.Line, $"nests collections more than {ManifestLimits.MaxDepth} levels deep");
        Count(1, start);
        if (depth == nodes.Length)
        {
            Array.Resize(ref nodes, depth * 2);
            Array.Resize(ref tallest, depth * 2);
            Array.Resize(ref anchors, depth * 2);
        }
        var anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
        // Until the node is complete its anchor names nothing: an alias inside it would make the graph a cycle.
        if (anchor is not null)
            anchored?.Remove(anchor);
        nodes[depth] = 1;
        tallest[depth] = 0;
        anchors[depth] = anchor;
        depth++;
    }

    void Close()
    {
        depth--;
        var expansion = new Expansion(nodes[depth], tallest[depth] + 1);
        AddToParent(expansion.Nodes, expansion.Height);
        if (anchors[depth] is { } anchor)
            Remember(anchor, expansion);
    }

    void Add(long count, int height, ParsingEvent at)
    {
        if (depth + height > ManifestLimits.MaxDepth)
            throw new ManifestLimitException(file, at.Start.Line, $"nests collections more than {ManifestLimits.MaxDepth} levels deep through its aliases");
        Count(count, at);
        AddToParent(count, height);
    }

    void Count(long count, ParsingEvent at)
    {
        total += count;
        if (total > ManifestLimits.MaxNodes)
            throw new ManifestLimitException(file, at.Start.Line,
                $"holds more than {ManifestLimits.MaxNodes:N0} nodes when its aliases are expanded (an alias bomb, or far more than a manifest needs)");
    }

    void AddToParent(long count, int height)
    {
        if (depth == 0)
            return;
        nodes[depth - 1] += count;
        if (height > tallest[depth - 1])
            tallest[depth - 1] = height;
    }

    void Remember(string anchor, Expansion expansion) => (anchored ??= new Dictionary<string, Expansion>(StringComparer.Ordinal))[anchor] = expansion;

    /// <summary>How many nodes an anchored node stands for, and how many levels of collections it adds.</summary>
    sealed record Expansion(long Nodes, int Height);
}
