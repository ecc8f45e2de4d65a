using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.CiGeneration;

/// <summary>Writes a <see cref="YamlNode"/> tree as block-style YAML with two-space indents and LF line ends.</summary>
internal static partial class YamlText
{
    public static string Write(YamlMap root)
    {
        var text = new StringBuilder();
        WriteMap(text, root, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstInline)) text.Append(' ', indent);
            first = false;
            text.Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar scalar:
                text.Append(' ').Append(scalar.Literal ? scalar.Value : Scalar(scalar.Value));
                if (scalar.Comment is { } comment) text.Append(" # ").Append(comment.ReplaceLineEndings(" "));
                text.Append('\n');
                break;
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlSeq { Count: 0 }:
                text.Append(" []\n");
                break;
            default:
                // A non-empty collection starts on the next line, one level deeper.
                text.Append('\n');
                if (value is YamlMap map) WriteMap(text, map, indent + 2);
                else WriteSeq(text, (YamlSeq)value, indent + 2);
                break;
        }
    }

    private static void WriteSeq(StringBuilder text, YamlSeq seq, int indent)
    {
        foreach (var item in seq)
        {
            if (item is YamlMap { Comments.Count: > 0 } commented)
                foreach (var comment in commented.Comments)
                    text.Append(' ', indent).Append("# ").Append(comment).Append('\n');
            text.Append(' ', indent).Append('-');
            switch (item)
            {
                case YamlMap { Count: > 0 } map:
                    text.Append(' ');
                    WriteMap(text, map, indent + 2, firstInline: true);
                    break;
                case YamlSeq { Count: > 0 }:
                    throw new NotSupportedException("Nested sequences are not used in CI files");
                default:
                    WriteValue(text, item, indent);
                    break;
            }
        }
    }

    /// <summary>A mapping key: plain when it is a simple name. <c>on</c> stays plain as GitHub documents it, since
    /// GitHub reads keys as strings.</summary>
    private static string Key(string key) => SimpleKey().IsMatch(key) ? key : Scalar(key);

    /// <summary>The scalar as plain text when no YAML reader could take it for anything but that string, else quoted.</summary>
    public static string Scalar(string value)
    {
        if (value.Any(c => char.IsControl(c)))
            return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t").Replace("\r", "\\r") + "\"";
        return IsPlainSafe(value) ? value : "'" + value.Replace("'", "''") + "'";
    }

    private static bool IsPlainSafe(string value) =>
        value.Length > 0
        && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) < 0
        && !value.Contains(": ") && !value.Contains(" #") && !value.EndsWith(':')
        && !ReservedWord().IsMatch(value) && !NumberLike().IsMatch(value);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex SimpleKey();

    // YAML 1.1 readers (still common) take these as booleans or null, so they must be quoted to stay strings.
    [GeneratedRegex("^(true|false|yes|no|y|n|on|off|null|~|=|<<)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservedWord();

    [GeneratedRegex(@"^([-+0-9._:eE]+|0[xXoObB][0-9a-fA-F_]+|[-+]?\.(inf|nan))$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLike();
}
