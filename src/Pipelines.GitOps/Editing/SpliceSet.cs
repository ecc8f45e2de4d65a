using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Pipelines.GitOps;

/// <summary>Collects replacements of scalar spans in one text and applies them in a single pass.</summary>
sealed partial class SpliceSet(string file, string text)
{
    // Classes, not tuples: a list of a reference type runs the framework's precompiled code instead of being jitted.
    readonly List<Splice> splices = [];

    /// <summary>When set, matches are reported here and nothing is edited (used to read what a file runs).</summary>
    public Action<ImageReference>? Observer { get; init; }

    public string File => file;

    /// <summary>Reports a matched reference; returns whether the caller should go on and edit it.</summary>
    public bool Matched(ImageReference current)
    {
        if (Observer is null)
            return true;
        Observer(current);
        return false;
    }

    /// <summary>The new digest for a field that held <paramref name="current"/>, refusing to drop a pin.</summary>
    public string RequireDigest(ManifestNode node, string current, ImageTarget image) =>
        image.Digest ?? throw new DigestRequiredException(file, node.Start.Line, current);

    public void Replace(ManifestScalar node, string value)
    {
        if (node.Value == value || AlreadySpliced(node.Start.Index))
            return;
        if (node.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            throw new UnsupportedReferenceException(file, node.Start.Line, "a block scalar");
        var start = (int)node.Start.Index;
        var end = (int)node.End.Index;
        // The node's span starts at its anchor or tag, which stay in place.
        while (start < end && text[start] is '&' or '!')
        {
            while (start < end && !char.IsWhiteSpace(text[start]))
                start++;
            while (start < end && char.IsWhiteSpace(text[start]))
                start++;
        }
        var formatted = node.Style switch
        {
            ScalarStyle.SingleQuoted => "'" + value.Replace("'", "''") + "'",
            ScalarStyle.DoubleQuoted => DoubleQuoted(value),
            _ => ResolvesAsNonString().IsMatch(value) ? DoubleQuoted(value) : value,
        };
        splices.Add(new Splice(start, end, formatted, new ImageChange(file, node.Start.Line, node.Value, value), node.Start.Index));
    }

    // An anchored scalar is reached once per alias; it is edited once, at its anchor. A file holds a few splices at most.
    bool AlreadySpliced(long nodeStart)
    {
        foreach (var splice in splices)
        {
            if (splice.NodeStart == nodeStart)
                return true;
        }
        return false;
    }

    /// <summary>Adds <c>key: value</c> as the last entry of a block mapping, aligned with its first key.</summary>
    public void AddEntry(ManifestMapping mapping, string key, string value)
    {
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow || mapping.Count == 0)
            throw new UnsupportedReferenceException(file, mapping.Start.Line, $"a flow mapping without '{key}'");
        var firstKey = (int)mapping.Keys[0].Start.Index;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, firstKey - 1)) + 1;
        var indent = new string(' ', firstKey - lineStart);
        var last = mapping.Values[^1];
        var at = (int)last.End.Index;
        var entry = $"{key}: {(ResolvesAsNonString().IsMatch(value) ? DoubleQuoted(value) : value)}";
        string insertion;
        if (at > 0 && text[at - 1] == '\n')
        {
            var lineEnd = at > 1 && text[at - 2] == '\r' ? "\r\n" : "\n";
            insertion = indent + entry + lineEnd;
        }
        else
        {
            var newline = text.IndexOf('\n', at);
            var crlf = newline > 0 && text[newline - 1] == '\r';
            at = newline < 0 ? text.Length : crlf ? newline - 1 : newline;
            insertion = (crlf ? "\r\n" : "\n") + indent + entry;
        }
        splices.Add(new Splice(at, at, insertion, new ImageChange(file, last.End.Line + 1, "", value), -1));
    }

    /// <summary>The text with every splice applied, and the changes in file order.</summary>
    public ManifestEdit Apply()
    {
        if (splices.Count == 0)
            return new ManifestEdit(text, []);
        splices.Sort((a, b) => a.Start.CompareTo(b.Start));
        var builder = new StringBuilder(text.Length + 64);
        var position = 0;
        var changes = new ImageChange[splices.Count];
        for (var i = 0; i < splices.Count; i++)
        {
            var splice = splices[i];
            builder.Append(text, position, splice.Start - position).Append(splice.Replacement);
            position = splice.End;
            changes[i] = splice.Change;
        }
        builder.Append(text, position, text.Length - position);
        return new ManifestEdit(builder.ToString(), changes);
    }

    /// <summary>The rest of the line after <paramref name="node"/>, when it is only a comment.</summary>
    public string? TrailingComment(ManifestNode node)
    {
        var at = (int)node.End.Index;
        while (at < text.Length && text[at] is ' ' or '\t')
            at++;
        if (at >= text.Length || text[at] != '#')
            return null;
        var newline = text.IndexOf('\n', at);
        return text[at..(newline < 0 ? text.Length : newline)].TrimEnd('\r');
    }

    /// <summary>Replaces <c>[Start, End)</c> of the text; <paramref name="NodeStart"/> is the scalar's own start, or -1 for an insertion.</summary>
    sealed record Splice(int Start, int End, string Replacement, ImageChange Change, long NodeStart);

    static string DoubleQuoted(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    // Plain scalars YAML 1.1 or 1.2 would read as something other than a string (numbers, booleans, null).
    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|(?i:y|n|yes|no|true|false|on|off|null)|~|[0-9]+(:[0-5]?[0-9])+)$")]
    private static partial Regex ResolvesAsNonString();
}
