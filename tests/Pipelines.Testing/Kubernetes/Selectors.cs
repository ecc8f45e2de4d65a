using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>The equality subset of label and field selectors (<c>a=b,c!=d</c>, <c>metadata.name=x</c>).</summary>
public static class Selectors
{
    /// <summary>True when the object matches both selectors (null or empty matches everything).</summary>
    public static bool Matches(JsonObject obj, string? labelSelector, string? fieldSelector) =>
        Match(labelSelector, key => (string?)obj["metadata"]?["labels"]?[key])
        && Match(fieldSelector, path => path.Split('.').Aggregate((JsonNode?)obj, (n, seg) => n?[seg]) is JsonValue v ? v.ToString() : null);

    private static bool Match(string? selector, Func<string, string?> lookup)
    {
        if (string.IsNullOrWhiteSpace(selector)) return true;
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (term.Contains("!="))
            {
                var (k, v) = Split(term, "!=");
                if (lookup(k) == v) return false;
            }
            else if (term.Contains('='))
            {
                var (k, v) = Split(term, term.Contains("==") ? "==" : "=");
                if (lookup(k) != v) return false;
            }
            else if (term.StartsWith('!'))
            {
                if (lookup(term[1..]) is not null) return false;
            }
            else if (lookup(term) is null) return false;
        }
        return true;
    }

    private static (string, string) Split(string term, string op)
    {
        var i = term.IndexOf(op, StringComparison.Ordinal);
        return (term[..i].Trim(), term[(i + op.Length)..].Trim());
    }
}
