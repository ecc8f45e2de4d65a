using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Pipelines.Testing.Faults;

/// <summary>
/// Prints one figures line per fault or race scenario to the test output and, when <c>PIPELINES_HARDENING_REPORT</c> names a
/// file, appends the same figures there as one JSON line (area, scenario, faultsInjected, attempts, succeeded, landed, ...).
/// </summary>
public static class HardeningFigures
{
    /// <summary>The environment variable naming the JSON-lines file.</summary>
    public const string ReportVariable = "PIPELINES_HARDENING_REPORT";

    static readonly object FileGate = new();

    /// <summary>Records one scenario's figures.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="area">faults or races.</param>
    /// <param name="scenario">e.g. <c>registry-push</c>.</param>
    /// <param name="figures">Named figures; numbers, booleans or strings.</param>
    public static void Record(ITestOutputHelper output, string area, string scenario, params (string Name, object? Value)[] figures)
    {
        var line = new JsonObject { ["area"] = area, ["scenario"] = scenario };
        foreach (var (name, value) in figures)
            line[name] = JsonSerializer.SerializeToNode(value);
        output.WriteLine($"[hardening] {area}/{scenario}: " + string.Join(", ", figures.Select(f => $"{f.Name}={f.Value}")));
        var path = Environment.GetEnvironmentVariable(ReportVariable);
        if (string.IsNullOrWhiteSpace(path))
            return;
        lock (FileGate)
            File.AppendAllText(path, line.ToJsonString() + "\n");
    }
}
