using Pipelines.Parameters;
using Pipelines.Targets;

namespace Pipelines.Planning;

/// <summary>A build instance with its discovered targets and parameters.</summary>
internal sealed class BuildModel(PipelineBuild build, IReadOnlyList<TargetModel> targets, IReadOnlyList<ParameterModel> parameters,
    IReadOnlyDictionary<string, object?> defaults, IReadOnlyList<string> defaultTargets)
{
    public PipelineBuild Build { get; } = build;
    public IReadOnlyList<TargetModel> Targets { get; } = targets;
    public IReadOnlyList<ParameterModel> Parameters { get; } = parameters;

    /// <summary>Each parameter's value before binding (the default a member initialiser or getter gives).</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; } = defaults;

    public IReadOnlyList<string> DefaultTargets { get; } = defaultTargets;

    public static BuildModel Create(PipelineBuild build, IReadOnlyList<string> defaultTargets)
    {
        var parameters = ParameterDiscovery.Discover(build.GetType());
        var defaults = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            try
            {
                defaults[parameter.Name] = parameter.ReadValue(build);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                defaults[parameter.Name] = null; // a getter that needs the running build has no static default
            }
        }
        var targets = TargetDiscovery.Discover(build);
        foreach (var name in defaultTargets)
        {
            if (!targets.Any(t => t.Name == name))
                throw new InvocationException($"default target {name} is not a target of {build.GetType().Name}");
        }
        return new BuildModel(build, targets, parameters, defaults, defaultTargets);
    }

    public TargetModel? Find(string name) => Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public BuildDescription ToDescription() => new(
        Build.GetType(),
        Targets.Select(t => new TargetDescription(
            t.Name,
            t.Definition.DescriptionText,
            t.DependsOn.Select(d => d.Name).ToList(),
            t.After.Select(d => d.Name).ToList(),
            t.Triggers.Select(d => d.Name).ToList(),
            t.Definition.IsUnlisted,
            t.Definition.Requirements.Select(RequiredParameterName).OfType<string>().ToList(),
            t.DeclaringType,
            t.Definition.CiCommentText)).ToList(),
        Parameters.Select(p => p.Description).ToList(),
        DefaultTargets);

    string? RequiredParameterName(Condition requirement) =>
        ParameterStore.MemberOf(requirement.Expression) is { } member
        && Parameters.FirstOrDefault(p => p.Description.MemberName == member.Name) is { } parameter
            ? parameter.Name
            : null;
}
