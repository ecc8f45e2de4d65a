using System.Linq.Expressions;

namespace Pipelines.Targets;

/// <summary>Records what a target's fluent definition says; edges to component targets are resolved on the spot.</summary>
internal sealed class TargetDefinition(object build, string name) : ITargetDefinition
{
    public string Name { get; } = name;
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<Condition> Requirements { get; } = [];
    public bool Proceed { get; private set; }
    public bool Assured { get; private set; }
    public bool IsUnlisted { get; private set; }
    public string? CiCommentText { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public ITargetDefinition Description(string text) { DescriptionText = text; return this; }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnTargets, targets, "DependsOn", optional: false);
    public ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnTargets, targets, "DependsOn", optional: true);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets, "DependentFor", optional: false);
    public ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets, "DependentFor", optional: true);
    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => Add(AfterTargets, targets, "After", optional: false);
    public ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets) => Add(AfterTargets, targets, "After", optional: true);
    public ITargetDefinition Before(params Target[] targets) => Add(BeforeTargets, targets);
    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Add(BeforeTargets, targets, "Before", optional: false);
    public ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets) => Add(BeforeTargets, targets, "Before", optional: true);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets, "Triggers", optional: false);
    public ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets, "Triggers", optional: true);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);
    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets, "TriggeredBy", optional: false);
    public ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets, "TriggeredBy", optional: true);

    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string? conditionText = null)
    {
        StaticConditions.Add(new Condition(condition, conditionText));
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string? conditionText = null)
    {
        DynamicConditions.Add(new Condition(condition, conditionText));
        return this;
    }

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter, string? parameterText = null)
    {
        Requirements.Add(new Condition(parameter, parameterText));
        return this;
    }

    public ITargetDefinition Requires(Expression<Func<bool>> condition, string? conditionText = null)
    {
        Requirements.Add(new Condition(condition, conditionText));
        return this;
    }

    public ITargetDefinition ProceedAfterFailure() { Proceed = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { Assured = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }
    public ITargetDefinition CiComment(string text) { CiCommentText = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)); return this; }

    public ITargetDefinition Executes(Action action)
    {
        Actions.Add(_ => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }

    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(_ => action()); return this; }

    TargetDefinition Add(List<Target> list, Target[] targets)
    {
        list.AddRange(targets);
        return this;
    }

    TargetDefinition Add<T>(List<Target> list, Func<T, Target>[] targets, string edge, bool optional)
    {
        if (build is T component)
        {
            foreach (var target in targets)
                list.Add(target(component));
        }
        else if (!optional)
        {
            throw new InvocationException($"target {Name} uses {edge}<{typeof(T).Name}> but {build.GetType().Name} does not implement "
                + $"{typeof(T).Name}; implement it or use Try{edge}<{typeof(T).Name}>");
        }
        return this;
    }
}
