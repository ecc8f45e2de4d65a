using System.Diagnostics.CodeAnalysis;
using System.Collections;

namespace Pipelines.CiGeneration;

/// <summary>A node of the small YAML tree the workflow is built as, so that the text is emitted in one place.</summary>
internal abstract record YamlNode
{
    /// <summary>A string scalar; null stays null, so an optional value can be added as is.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator YamlNode?(string? value) => value is null ? null : new YamlScalar(value);
}

/// <summary>A scalar: a string (quoted when it could be read as anything else), or a literal such as <c>true</c> or <c>30</c>;
/// with an optional comment written after it on the same line.</summary>
internal sealed record YamlScalar(string Value, bool Literal = false, string? Comment = null) : YamlNode
{
    public static YamlScalar Of(bool value) => new(value ? "true" : "false", Literal: true);

    public static YamlScalar Of(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Literal: true);
}

/// <summary>A mapping whose keys keep the order they were added in.</summary>
internal sealed record YamlMap : YamlNode, IEnumerable<KeyValuePair<string, YamlNode>>
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Comment lines written just above the mapping where it is a sequence item (a workflow step).</summary>
    public IReadOnlyList<string> Comments { get; set; } = [];

    /// <summary>Adds an entry; a null value adds nothing, so optional keys read as one line each.</summary>
    public void Add(string key, YamlNode? value)
    {
        if (value is not null) _entries.Add(new(key, value));
    }

    public IEnumerator<KeyValuePair<string, YamlNode>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A sequence.</summary>
internal sealed record YamlSeq : YamlNode, IEnumerable<YamlNode>
{
    private readonly List<YamlNode> _items = [];

    public YamlSeq() { }

    public YamlSeq(IEnumerable<string> items) => _items.AddRange(items.Select(i => new YamlScalar(i)));

    public int Count => _items.Count;

    public void Add(YamlNode item) => _items.Add(item);

    public IEnumerator<YamlNode> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
