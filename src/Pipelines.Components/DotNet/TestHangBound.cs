using System.Text.RegularExpressions;

namespace Pipelines.Components;

/// <summary>
/// A bound on each test of a <c>dotnet test</c> run, from vstest's blame collector: a test still running when the bound
/// passes has its test host (and that host's children) killed, and the run ends instead of hanging a CI agent until the
/// agent's own limit. No dump is written: the test's name is what a CI log needs.
/// </summary>
public static partial class TestHangBound
{
    /// <summary>What a test may take before it counts as hung, unless a build gives another bound.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(10);

    /// <summary>The shortest bound vstest takes (it counts in whole seconds).</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    /// <summary>The <c>dotnet test</c> arguments that set <paramref name="bound"/>.</summary>
    public static string[] Arguments(TimeSpan bound)
    {
        if (bound < Minimum)
            throw new ArgumentOutOfRangeException(nameof(bound), bound, $"a test hang bound is at least {Minimum.TotalSeconds:0} s");
        return ["--blame-hang-timeout", $"{(long)Math.Ceiling(bound.TotalSeconds)}s", "--blame-hang-dump-type", "none"];
    }

    /// <summary>
    /// The one line that says which tests the bound stopped, or why the run was aborted, from what <c>dotnet test</c>
    /// printed; null when the run was neither stopped nor aborted.
    /// </summary>
    public static string? Describe(string output, TimeSpan bound)
    {
        var running = RunningWhenAborted(output);
        var names = running.Count == 0 ? "a test" : string.Join(", ", running);
        if (output.Contains("The specified inactivity time of", StringComparison.Ordinal))
            return $"{names} ran longer than the {Pretty(bound)} test bound and {(running.Count > 1 ? "were" : "was")} stopped with the test host";
        if (AbortReason().Match(output) is { Success: true } aborted)
            return $"the test run was aborted: {aborted.Groups[1].Value.Trim().TrimEnd('.')}" + (running.Count > 0 ? $", while running {names}" : "");
        return null;
    }

    // vstest: "The test running when the crash occurred: " then one name a line, then a blank line; once per test host.
    static List<string> RunningWhenAborted(string output)
    {
        var names = new List<string>();
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!RunningHeading().IsMatch(lines[i]))
                continue;
            for (i++; i < lines.Length && lines[i].Trim() is { Length: > 0 } name; i++)
            {
                if (!names.Contains(name))
                    names.Add(name);
            }
        }
        return names;
    }

    static string Pretty(TimeSpan bound) =>
        bound.TotalMinutes >= 1 && bound.Seconds == 0 ? $"{bound.TotalMinutes:0.#} min" : $"{bound.TotalSeconds:0.#} s";

    [GeneratedRegex(@"^The active test run was aborted\. Reason: ([^\r\n]+)", RegexOptions.Multiline)]
    private static partial Regex AbortReason();

    [GeneratedRegex(@"^The tests? running when the crash occurred:\s*$")]
    private static partial Regex RunningHeading();
}
