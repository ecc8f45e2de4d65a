using Pipelines.Targets;

namespace Pipelines.Planning;

/// <summary>
/// Turns invoked targets into an ordered plan: the closure over DependsOn and Triggers, ordered so every
/// DependsOn/After/Before/Triggers edge holds, ties broken by command-line then declaration order.
/// </summary>
internal static class Planner
{
    public static IReadOnlyList<PlannedTarget> Plan(IReadOnlyList<TargetModel> invoked, IReadOnlyCollection<string> skip, bool skipAllNonInvoked)
    {
        var included = Closure(invoked, _ => true);
        var invokedSet = invoked.ToHashSet();
        var ordered = new List<TargetModel>();
        var visited = new HashSet<TargetModel>();
        // Declaration order, not command-line order, decides ties: the same targets always give the same plan.
        var includedSet = included.ToHashSet();
        foreach (var model in included.OrderBy(m => m.Index))
            Visit(model, includedSet, visited, ordered);

        var planned = ordered.ToDictionary(m => m, m => new PlannedTarget(m, invokedSet.Contains(m)));
        foreach (var (model, target) in planned)
            target.Predecessors.AddRange(model.Predecessors.Where(planned.ContainsKey).Select(p => planned[p]));

        foreach (var target in planned.Values)
        {
            if (skip.Contains(target.Name, StringComparer.OrdinalIgnoreCase) || (skipAllNonInvoked && !target.Invoked))
                Skip(target, "--skip");
        }
        return ordered.Select(m => planned[m]).ToList();
    }

    /// <summary>
    /// Applies OnlyWhenStatic conditions: a false one skips its target, and dependencies that only skipped targets need
    /// are skipped too.
    /// </summary>
    public static void ApplyStaticConditions(IReadOnlyList<PlannedTarget> plan)
    {
        var skippedStatically = new HashSet<TargetModel>();
        foreach (var target in plan)
        {
            if (target.Status == TargetStatus.Skipped)
                continue;
            foreach (var condition in target.Model.Definition.StaticConditions)
            {
                if (Evaluate(condition, target) is not true)
                {
                    Skip(target, $"condition false: {condition.Text}");
                    skippedStatically.Add(target.Model);
                    break;
                }
            }
        }
        if (skippedStatically.Count == 0)
            return;
        var roots = plan.Where(t => t.Invoked && !skippedStatically.Contains(t.Model)).Select(t => t.Model).ToList();
        var needed = Closure(roots, m => !skippedStatically.Contains(m)).ToHashSet();
        foreach (var target in plan)
        {
            if (target.Status != TargetStatus.Skipped && !needed.Contains(target.Model))
            {
                var by = plan.FirstOrDefault(t => skippedStatically.Contains(t.Model) && Closure([t.Model], _ => true).Contains(target.Model));
                Skip(target, by is null ? "not needed" : $"only needed by skipped {by.Name}");
            }
        }
    }

    static object? Evaluate(Condition condition, PlannedTarget target)
    {
        try
        {
            return condition.Evaluate();
        }
        catch (Exception ex)
        {
            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } e } ? e : ex;
            throw new InvocationException($"condition '{condition.Text}' of target {target.Name} failed: {inner.Message}");
        }
    }

    static void Skip(PlannedTarget target, string reason)
    {
        target.Status = TargetStatus.Skipped;
        target.Reason = reason;
    }

    /// <summary>Targets reachable over DependsOn and Triggers, in discovery order; <paramref name="expand"/> stops at a target.</summary>
    static List<TargetModel> Closure(IEnumerable<TargetModel> roots, Func<TargetModel, bool> expand)
    {
        var result = new List<TargetModel>();
        var seen = new HashSet<TargetModel>();
        var queue = new Queue<TargetModel>(roots);
        while (queue.Count > 0)
        {
            var model = queue.Dequeue();
            if (!seen.Add(model))
                continue;
            result.Add(model);
            if (!expand(model))
                continue;
            foreach (var next in model.DependsOn.Concat(model.Triggers))
                queue.Enqueue(next);
        }
        return result;
    }

    static void Visit(TargetModel model, HashSet<TargetModel> included, HashSet<TargetModel> visited, List<TargetModel> ordered)
    {
        if (!visited.Add(model))
            return;
        foreach (var predecessor in model.Predecessors.Where(included.Contains).OrderBy(m => m.Index))
            Visit(predecessor, included, visited, ordered);
        ordered.Add(model);
    }
}
