namespace Pipelines.Parameters;

/// <summary>Finds the closest known name to a misspelt one, for "did you mean" hints.</summary>
internal static class Suggestions
{
    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var normalized = ParameterNames.Normalize(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(normalized, ParameterNames.Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        var allowed = Math.Max(2, normalized.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>" (did you mean X?)" or empty.</summary>
    public static string Hint(string input, IEnumerable<string> candidates, string prefix = "") =>
        Closest(input, candidates) is { } match ? $"; did you mean '{prefix}{match}'?" : "";

    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
