using Pipelines.Planning;

namespace Pipelines.Execution;

/// <summary>Writes <c>--plan</c>: the ordered targets (with skips) and the edges between them.</summary>
internal static class PlanWriter
{
    public static void Write(TextWriter output, IReadOnlyList<PlannedTarget> plan)
    {
        output.WriteLine($"Plan ({plan.Count} targets, in order):");
        var width = plan.Select(t => t.Name.Length).DefaultIfEmpty().Max();
        for (var i = 0; i < plan.Count; i++)
        {
            var t = plan[i];
            var state = t.Status == TargetStatus.Skipped ? $"skip: {t.Reason}" : t.Model.Definition.Actions.Count == 0 ? "collective" : "run";
            output.WriteLine($"  {i + 1,2}. {t.Name.PadRight(width)}  {state}");
        }
        output.WriteLine();
        output.WriteLine("Dependency graph:");
        foreach (var t in plan)
        {
            var m = t.Model;
            var inPlan = plan.Select(p => p.Model).ToHashSet();
            var parts = new List<string>();
            if (m.DependsOn.Count > 0)
                parts.Add("depends on " + string.Join(", ", m.DependsOn.Select(d => d.Name)));
            var after = m.After.Where(inPlan.Contains).ToList();
            if (after.Count > 0)
                parts.Add("after " + string.Join(", ", after.Select(d => d.Name)));
            if (m.Triggers.Count > 0)
                parts.Add("triggers " + string.Join(", ", m.Triggers.Select(d => d.Name)));
            var triggeredBy = m.TriggeredBy.Where(inPlan.Contains).ToList();
            if (triggeredBy.Count > 0)
                parts.Add("triggered by " + string.Join(", ", triggeredBy.Select(d => d.Name)));
            output.WriteLine(parts.Count == 0 ? $"  {t.Name}" : $"  {t.Name} <- {string.Join("; ", parts)}");
        }
    }
}
