using System.Text.Json;

namespace Pipelines.Components.Tests.Hardening.Report;

/// <summary>
/// Appends one JSON line per scenario to the file PIPELINES_HARDENING_REPORT names (benchmarks/hardening/run.sh sets it),
/// so the figures are printed from what the tests actually did. Without the variable nothing is written.
/// </summary>
public static class HardeningReport
{
    static readonly object Gate = new();

    public static void Append(string area, string scenario, params (string Name, object Value)[] figures)
    {
        var path = Environment.GetEnvironmentVariable("PIPELINES_HARDENING_REPORT");
        if (string.IsNullOrEmpty(path))
            return;
        var line = new Dictionary<string, object> { ["area"] = area, ["scenario"] = scenario };
        foreach (var (name, value) in figures)
            line[name] = value;
        lock (Gate)
            File.AppendAllText(path, JsonSerializer.Serialize(line) + "\n");
    }
}
