namespace Pipelines.Targets;

/// <summary>Rejects target graphs with a cycle, naming the cycle.</summary>
internal static class CycleCheck
{
    public static void ThrowIfCyclic(IReadOnlyList<TargetModel> models)
    {
        var state = new Dictionary<TargetModel, int>(); // 1 = on the stack, 2 = done
        var stack = new List<TargetModel>();
        foreach (var model in models)
            Visit(model, state, stack);
    }

    static void Visit(TargetModel model, Dictionary<TargetModel, int> state, List<TargetModel> stack)
    {
        if (state.TryGetValue(model, out var s))
        {
            if (s == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(model)).Append(model).Select(m => m.Name);
                throw new InvocationException($"circular dependency between targets: {string.Join(" -> ", cycle)}; "
                    + "remove one of the DependsOn/After/Before/Triggers edges");
            }
            return;
        }
        state[model] = 1;
        stack.Add(model);
        foreach (var predecessor in model.Predecessors)
            Visit(predecessor, state, stack);
        stack.RemoveAt(stack.Count - 1);
        state[model] = 2;
    }
}
