using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipelines.GitOps;

/// <summary>
/// A node of a manifest as the rules read it: what YamlDotNet's representation model holds (value, style, tag and the
/// marks of the node's first event), without its per-mapping dictionary. An alias is the node it refers to.
/// </summary>
abstract class ManifestNode(Mark start, Mark end)
{
    /// <summary>Where the node's first event starts (at its anchor or tag, when it has one).</summary>
    public Mark Start { get; } = start;

    /// <summary>Where the node's first event ends: a scalar's end, a collection's opening.</summary>
    public Mark End { get; } = end;
}

/// <summary>A scalar.</summary>
sealed class ManifestScalar(Scalar scalar) : ManifestNode(scalar.Start, scalar.End)
{
    public string Value { get; } = scalar.Value;

    public ScalarStyle Style { get; } = scalar.Style;

    public TagName Tag { get; } = scalar.Tag;

    /// <summary>Whether a key equal to this one would repeat it, as YamlDotNet's scalar nodes compare (tag and value).</summary>
    public bool SameKeyAs(ManifestScalar other) => Tag.Equals(other.Tag) && Value == other.Value;

    /// <summary>Tag and value in one string, equal exactly when <see cref="SameKeyAs"/> is true.</summary>
    public string Identity => (Tag.IsEmpty ? "" : Tag.Value) + "\0" + Value;
}

/// <summary>A mapping: keys and values in file order.</summary>
sealed class ManifestMapping(MappingStart start) : ManifestNode(start.Start, start.End)
{
    public MappingStyle Style { get; } = start.Style;

    public List<ManifestNode> Keys { get; } = [];

    public List<ManifestNode> Values { get; } = [];

    public int Count => Values.Count;

    /// <summary>The scalar keys seen so far, once the mapping is large enough for a set to pay.</summary>
    public HashSet<string>? KeySet { get; set; }

    /// <summary>The value of the first plain-named key <paramref name="key"/>, or null.</summary>
    public ManifestNode? this[string key]
    {
        get
        {
            for (var i = 0; i < Keys.Count; i++)
            {
                if (Keys[i] is ManifestScalar scalar && scalar.Value == key)
                    return Values[i];
            }
            return null;
        }
    }
}

/// <summary>A sequence.</summary>
sealed class ManifestSequence(SequenceStart start) : ManifestNode(start.Start, start.End)
{
    public List<ManifestNode> Items { get; } = [];
}
