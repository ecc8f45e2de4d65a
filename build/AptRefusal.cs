/// <summary>Turns apt-get's multi-line refusal into one line: the package it is about and apt's own reason.</summary>
static class AptRefusal
{
    public static string Describe(IReadOnlyList<string> requested, string output, int exitCode)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // " nodejs : Conflicts: npm" — the dependency problem apt lists under "unmet dependencies".
        var problem = lines.FirstOrDefault(l => l.Contains(" : ", StringComparison.Ordinal)
            && (l.Contains("Conflicts:", StringComparison.Ordinal) || l.Contains("Depends:", StringComparison.Ordinal) || l.Contains("Breaks:", StringComparison.Ordinal))
            && requested.Any(p => Mentions(l, p)));
        problem ??= lines.FirstOrDefault(l => l.Contains(" : ", StringComparison.Ordinal) && l.Contains("Conflicts:", StringComparison.Ordinal));
        var error = lines.FirstOrDefault(l => l.StartsWith("E: ", StringComparison.Ordinal));
        var package = requested.FirstOrDefault(p => (problem is not null && Mentions(problem, p)) || (error is not null && Mentions(error, p)));
        var reason = string.Join("; ", new[] { problem, error }.Where(r => r is not null));
        return $"apt-get could not install {package ?? string.Join(' ', requested)}: {(reason.Length > 0 ? reason : $"exit code {exitCode}")}";
    }

    static bool Mentions(string line, string package) =>
        line.Split([' ', ':', ',', '(', ')', '\''], StringSplitOptions.RemoveEmptyEntries).Contains(package, StringComparer.Ordinal);
}
