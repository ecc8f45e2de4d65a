using System.Reflection;
using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Splits the targets a CI file invokes into jobs at the <see cref="CiJobAttribute"/> boundaries.</summary>
/// <remarks>
/// A job runs its boundary target with everything it depends on, less what the jobs it waits for already ran.
/// A job waits for every other job whose boundary, or a target only that other job runs, comes before its own
/// target in the graph (depends-on or after edges); <c>needs:</c> lists only the nearest of them. Invoked targets
/// outside every boundary share one last job.
/// </remarks>
internal static class CiJobPlan
{
    private sealed record Unit(IReadOnlyList<string> Targets, CiJobAttribute? Boundary);

    public static IReadOnlyList<CiJob> Create(BuildDescription build, IReadOnlyList<string> invokedTargets, string owner)
    {
        var graph = new TargetGraph(build);
        var invoked = invokedTargets.Count > 0 ? invokedTargets : build.DefaultTargets;
        if (invoked.Count == 0)
            throw new CiConfigurationException($"{owner}: no InvokedTargets and the build has no default target; set InvokedTargets = [nameof(...)]");
        foreach (var name in invoked) graph.Require(name, $"{owner}: InvokedTargets");

        var boundaries = build.BuildType.GetCustomAttributes<CiJobAttribute>(inherit: true).ToList();
        foreach (var boundary in boundaries) graph.Require(boundary.Target, $"[CiJob(\"{boundary.Target}\")]");

        var plan = graph.Closure(invoked, ordering: false);
        var units = boundaries
            .Where(b => plan.Contains(b.Target))
            .DistinctBy(b => b.Target)
            .Select(b => new Unit([b.Target], b))
            .ToList();
        var covered = graph.Closure(units.SelectMany(u => u.Targets), ordering: false);
        var rest = invoked.Where(t => !covered.Contains(t)).Distinct().ToList();
        if (rest.Count > 0) units.Add(new Unit(rest, null));

        var runs = units.ToDictionary(u => u, u => graph.Closure(u.Targets, ordering: false));
        var ordered = units.ToDictionary(u => u, u => graph.Closure(u.Targets, ordering: true, within: plan));
        bool BoundaryFirst(Unit c, Unit u) => c.Targets.Any(ordered[u].Contains);
        // A job waits for another when that job's boundary, or a target only that job runs, must come first
        // (the latter unless this job's boundary must come before that job's).
        var before = units.ToDictionary(u => u, u => units
            .Where(c => c != u && (BoundaryFirst(c, u) ||
                (!BoundaryFirst(u, c) && runs[c].Any(t => !runs[u].Contains(t) && ordered[u].Contains(t)))))
            .ToHashSet());
        MakeTransitive(before);
        units = SortUnits(units, before, graph, owner);

        var ids = units.ToDictionary(u => u, u => string.Join('-', u.Targets.Select(Naming.Kebab)));
        var comments = build.Targets.Where(t => t.CiComment is not null).ToDictionary(t => t.Name, t => $"{t.Name}: {t.CiComment}", StringComparer.Ordinal);
        IReadOnlyList<string> CommentsOf(IEnumerable<string> targets) => graph.InOrder(targets).Where(comments.ContainsKey).SelectMany(t => Wrap(comments[t])).ToList();
        return units.Select((u, index) =>
        {
            var needs = before[u].Where(c => !before[u].Any(d => before[d].Contains(c)));
            var done = before[u].SelectMany(c => runs[c]).ToHashSet();
            var doneSequentially = units.Take(index).SelectMany(c => runs[c]).ToHashSet();
            return new CiJob(
                ids[u],
                string.Join(", ", u.Targets),
                u.Targets,
                units.Where(needs.Contains).Select(c => ids[c]).ToList(),
                graph.InOrder(runs[u].Where(done.Contains)),
                graph.InOrder(runs[u].Where(doneSequentially.Contains)),
                units.Any(d => before[d].Contains(u)),
                u.Boundary?.Environment,
                u.Boundary?.EnvironmentUrl,
                CommentsOf(runs[u].Where(t => !done.Contains(t))),
                CommentsOf(runs[u].Where(t => !doneSequentially.Contains(t))));
        }).ToList();
    }

    /// <summary>A comment as lines of at most <see cref="CommentWidth"/> characters (a longer word stays whole).</summary>
    private static IEnumerable<string> Wrap(string comment)
    {
        var line = "";
        foreach (var word in comment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > CommentWidth)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0)
            yield return line;
    }

    private const int CommentWidth = 100;

    private static void MakeTransitive(Dictionary<Unit, HashSet<Unit>> before)
    {
        bool grown;
        do
        {
            grown = false;
            foreach (var set in before.Values)
                foreach (var c in set.ToList())
                    foreach (var d in before[c])
                        grown |= set.Add(d);
        } while (grown);
    }

    private static List<Unit> SortUnits(List<Unit> units, Dictionary<Unit, HashSet<Unit>> before, TargetGraph graph, string owner)
    {
        var sorted = new List<Unit>();
        var pending = units.OrderBy(u => u.Targets.Max(graph.IndexOf)).ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(u => before[u].All(sorted.Contains))
                ?? throw new CiConfigurationException(
                    $"{owner}: the jobs {string.Join(", ", pending.Select(u => string.Join('+', u.Targets)))} would each wait for another; mark the invoked targets with [CiJob] so each gets its own job");
            sorted.Add(next);
            pending.Remove(next);
        }
        return sorted;
    }
}
