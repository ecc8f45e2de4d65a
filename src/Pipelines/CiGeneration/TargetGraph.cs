using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>The target edges of a build, with a stable order for listing targets.</summary>
internal sealed class TargetGraph
{
    private readonly BuildDescription _build;
    private readonly Dictionary<string, TargetDescription> _targets;
    private readonly Dictionary<string, int> _order;
    private readonly ILookup<string, string> _triggeredBy;

    public TargetGraph(BuildDescription build)
    {
        _build = build;
        _targets = build.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _triggeredBy = build.Targets.SelectMany(t => t.Triggers.Select(triggered => (triggered, t.Name))).ToLookup(x => x.triggered, x => x.Name, StringComparer.Ordinal);
        _order = TopologicalOrder(build.Targets, _triggeredBy).Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index);
    }

    /// <summary>Fails with a one-line error when <paramref name="name"/> is not a target.</summary>
    public void Require(string name, string where)
    {
        if (_targets.ContainsKey(name)) return;
        var near = _targets.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        throw new CiConfigurationException(
            $"{where} names '{name}', which is not a target of {_build.BuildType.Name}; " +
            (near is null ? "use nameof(...) of a target" : $"did you mean '{near}'?"));
    }

    public int IndexOf(string name) => _order[name];

    /// <summary>Targets in plan order.</summary>
    public IReadOnlyList<string> InOrder(IEnumerable<string> names) => names.Distinct().OrderBy(IndexOf).ToList();

    /// <summary>
    /// Without <paramref name="ordering"/>: what running the targets runs, that is all they depend on and all those
    /// trigger. With it: what must come before them, that is all they depend on, run after or are triggered by
    /// (after edges only among <paramref name="within"/>, since such an edge binds only when both targets run).
    /// </summary>
    public HashSet<string> Closure(IEnumerable<string> roots, bool ordering, IReadOnlySet<string>? within = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.TryPop(out var name))
        {
            if (!seen.Add(name)) continue;
            var target = _targets[name];
            foreach (var next in target.DependsOn) stack.Push(next);
            if (!ordering)
                foreach (var next in target.Triggers) stack.Push(next);
            else
                foreach (var next in target.After.Concat(_triggeredBy[name]).Where(a => within is null || within.Contains(a))) stack.Push(next);
        }
        return seen;
    }

    private static List<string> TopologicalOrder(IReadOnlyList<TargetDescription> targets, ILookup<string, string> triggeredBy)
    {
        var known = targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in targets)
            foreach (var edge in t.DependsOn.Concat(t.After).Concat(t.Triggers).Where(e => !known.Contains(e)))
                throw new CiConfigurationException($"Target '{t.Name}' refers to '{edge}', which is not a target of the build");

        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = targets.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.DependsOn.Concat(t.After).Concat(triggeredBy[t.Name]).All(done.Contains))
                ?? throw new CiConfigurationException(
                    $"Targets {string.Join(", ", pending.Select(t => t.Name))} depend on each other in a cycle; break the cycle");
            order.Add(next.Name);
            done.Add(next.Name);
            pending.Remove(next);
        }
        return order;
    }
}
