using System.Xml.Linq;

namespace Pipelines.Components;

/// <summary>Totals over the TRX files of one test run.</summary>
sealed record TestCounts(int Total, int Passed, int Failed, int Skipped)
{
    public static TestCounts Read(string directory)
    {
        var counters = (Directory.Exists(directory) ? Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories) : [])
            .SelectMany(file => XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "Counters"))
            .ToList();
        int Sum(string name) => counters.Sum(c => int.TryParse(c.Attribute(name)?.Value, out var n) ? n : 0);
        var total = Sum("total");
        var passed = Sum("passed");
        var failed = Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted");
        return new TestCounts(total, passed, failed, total - passed - failed);
    }

    public override string ToString() =>
        $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "") + (Total == 0 ? " (no tests ran)" : "");
}
