using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Components.Tests.Design;

/// <summary>
/// The libraries know nothing of the engine (shared/DESIGN.md), so their messages speak of inputs in their own words and never
/// of command-line flags: a string literal in a library that is a sentence (it has a space) must not name a <c>--flag</c>.
/// Tool arguments (<c>"--depth"</c>, <c>"--label"</c>) are single words, and a command quoted for the user in backticks
/// (<c>`kubectl logs --previous`</c>) is the tool's own syntax; both are allowed.
/// </summary>
public sealed partial class LibraryMessages
{
    static readonly string[] Libraries = ["Pipelines.Tooling", "Pipelines.Containers", "Pipelines.GitOps", "Pipelines.Kubernetes"];

    [Fact]
    public void No_library_message_names_a_command_line_flag()
    {
        var root = Shipped.SampleBuild.Source[..Shipped.SampleBuild.Source.LastIndexOf("samples", StringComparison.Ordinal)];
        var found = new List<string>();
        var scanned = 0;
        foreach (var library in Libraries)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, "src", library), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (var (line, literal) in StringLiterals(File.ReadAllText(file)))
                {
                    scanned++;
                    var prose = Hole().Replace(Backticked().Replace(literal, ""), "x");
                    if (prose.Contains(' ') && Flag().IsMatch(prose))
                        found.Add($"{Path.GetRelativePath(root, file)}:{line}: {literal}");
                }
            }
        }
        Assert.True(scanned > 500, $"only {scanned} string literals were found; the scan is broken");
        Assert.True(found.Count == 0, "library messages name flags:\n" + string.Join('\n', found));
    }

    [Fact]
    public void The_scan_finds_a_flag_in_a_message_and_not_in_a_tool_argument()
    {
        var literals = StringLiterals("""
            // "--in-a-comment x"
            var a = "--depth";
            throw new X($"the tag is wrong; pass --image-tag {tag}");
            var b = "see `kubectl logs --previous`";
            """).Select(l => l.Literal).ToList();

        Assert.Equal(["--depth", "the tag is wrong; pass --image-tag {tag}", "see `kubectl logs --previous`"], literals);
        Assert.Single(literals, l => Hole().Replace(Backticked().Replace(l, ""), "x") is var prose && prose.Contains(' ') && Flag().IsMatch(prose));
    }

    /// <summary>The string literals of C# source (regular, verbatim, interpolated, raw) with their line, comments skipped.</summary>
    static IEnumerable<(int Line, string Literal)> StringLiterals(string source)
    {
        var line = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                continue;
            }
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n') i++;
                line++;
                continue;
            }
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                line += source[i..(end < 0 ? source.Length : end)].Count(ch => ch == '\n');
                i = end < 0 ? source.Length : end + 1;
                continue;
            }
            if (c == '\'' )
            {
                // A char literal: skip it so '"' is not taken for a string.
                var close = source.IndexOf('\'', i + (i + 1 < source.Length && source[i + 1] == '\\' ? 3 : 2));
                if (close > i && close - i <= 8)
                    i = close;
                continue;
            }
            if (c != '"')
                continue;
            var start = i;
            var verbatim = i > 0 && (source[i - 1] == '@' || (i > 1 && source[i - 1] == '$' && source[i - 2] == '@'));
            if (source.AsSpan(i).StartsWith("\"\"\""))
            {
                var end = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                var text = source[(i + 3)..(end < 0 ? source.Length : end)];
                yield return (line, text.Trim());
                line += text.Count(ch => ch == '\n');
                i = end < 0 ? source.Length : end + 2;
                continue;
            }
            var literal = new StringBuilder();
            for (i++; i < source.Length; i++)
            {
                if (!verbatim && source[i] == '\\' && i + 1 < source.Length)
                {
                    literal.Append(source[i + 1]);
                    i++;
                    continue;
                }
                if (source[i] == '"')
                {
                    if (verbatim && i + 1 < source.Length && source[i + 1] == '"')
                    {
                        literal.Append('"');
                        i++;
                        continue;
                    }
                    break;
                }
                if (source[i] == '\n')
                    line++;
                literal.Append(source[i]);
            }
            _ = start;
            yield return (line, literal.ToString());
        }
    }

    [GeneratedRegex(@"(?:^|[\s'(])--[a-z]")]
    private static partial Regex Flag();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex Backticked();

    // An interpolation hole's code is not message text: "--include={string.Join(',', names)}" is one argument.
    [GeneratedRegex(@"\{[^{}]*(\{[^{}]*\}[^{}]*)*\}")]
    private static partial Regex Hole();
}
