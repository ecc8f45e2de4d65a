using System.Text.RegularExpressions;

/// <summary>Totals over the per-assembly result lines that <c>dotnet test</c> prints.</summary>
sealed partial record TestCounts(int Passed, int Failed, int Skipped)
{
    // "Passed!  - Failed:     0, Passed:    11, Skipped:     0, Total:    11, Duration: 244 ms - X.Tests.dll (net10.0)"
    [GeneratedRegex(@"^\s*(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex ResultLine();

    public static TestCounts Parse(string output) =>
        ResultLine().Matches(output).Aggregate(new TestCounts(0, 0, 0), (sum, m) => new TestCounts(
            sum.Passed + int.Parse(m.Groups[2].Value), sum.Failed + int.Parse(m.Groups[1].Value), sum.Skipped + int.Parse(m.Groups[3].Value)));
}
