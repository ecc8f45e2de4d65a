namespace Pipelines.Targets;

/// <summary>A discovered target with its definition and edges resolved to other targets (reverse edges folded in).</summary>
internal sealed class TargetModel(string name, Type declaringType, int index, TargetDefinition definition)
{
    public string Name { get; } = name;
    public Type DeclaringType { get; } = declaringType;

    /// <summary>Declaration order, used to keep plans deterministic.</summary>
    public int Index { get; } = index;

    public TargetDefinition Definition { get; } = definition;
    public List<TargetModel> DependsOn { get; } = [];
    public List<TargetModel> After { get; } = [];
    public List<TargetModel> Triggers { get; } = [];
    public List<TargetModel> TriggeredBy { get; } = [];

    /// <summary>Every target that must finish before this one when both run.</summary>
    public IEnumerable<TargetModel> Predecessors => DependsOn.Concat(After).Concat(TriggeredBy).Distinct();

    public override string ToString() => Name;
}
