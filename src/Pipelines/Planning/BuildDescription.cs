namespace Pipelines.Planning;

/// <summary>
/// A read-only description of a build class: its targets with their edges and its parameters.
/// The engine produces it from the build type; CI generation and <c>--help</c> consume it.
/// </summary>
/// <param name="BuildType">The build class.</param>
/// <param name="Targets">Every target, in declaration order.</param>
/// <param name="Parameters">Every parameter, ordered by name.</param>
/// <param name="DefaultTargets">Targets run when none is named on the command line.</param>
public sealed record BuildDescription(
    Type BuildType,
    IReadOnlyList<TargetDescription> Targets,
    IReadOnlyList<ParameterDescription> Parameters,
    IReadOnlyList<string> DefaultTargets)
{
    /// <summary>
    /// Describes a build class: creates an instance (which runs nothing) and reads its targets and parameters.
    /// Throws <see cref="InvocationException"/> when the build is ill-formed (duplicate target names, a cycle).
    /// </summary>
    /// <param name="buildType">A <see cref="PipelineBuild"/> subclass with a parameterless constructor.</param>
    /// <param name="defaultTargets">Targets run when none is named (<c>Execute</c> knows them; a type alone does not).</param>
    public static BuildDescription FromType(Type buildType, IReadOnlyList<string>? defaultTargets = null)
    {
        if (!typeof(PipelineBuild).IsAssignableFrom(buildType) || buildType.IsAbstract)
            throw new ArgumentException($"{buildType.Name} is not a concrete PipelineBuild", nameof(buildType));
        var build = (PipelineBuild)Activator.CreateInstance(buildType, nonPublic: true)!;
        return BuildModel.Create(build, defaultTargets ?? []).ToDescription();
    }
}

/// <summary>One target as the planner sees it. Edge lists hold target names, normalised so that
/// <c>DependentFor</c>/<c>TriggeredBy</c>/<c>Before</c> are already folded into the other side's lists.</summary>
/// <param name="Name">Target name (the member name).</param>
/// <param name="Description">Description, if any.</param>
/// <param name="DependsOn">Targets that must run (and succeed) before this one.</param>
/// <param name="After">Targets ordered before this one when both run.</param>
/// <param name="Triggers">Targets this one triggers after it runs.</param>
/// <param name="Unlisted">Hidden from <c>--help</c>.</param>
/// <param name="RequiredParameters">Parameter names (kebab case) this target requires.</param>
/// <param name="DeclaringType">The class or component interface that declares the target.</param>
/// <param name="CiComment">The comment generated CI files carry on the jobs that run the target, if any.</param>
public sealed record TargetDescription(
    string Name,
    string? Description,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> After,
    IReadOnlyList<string> Triggers,
    bool Unlisted,
    IReadOnlyList<string> RequiredParameters,
    Type DeclaringType,
    string? CiComment = null);

/// <summary>One parameter as the command line, the environment and CI files know it.</summary>
/// <param name="Name">Command-line name without dashes, kebab case (<c>image-tag</c>).</param>
/// <param name="MemberName">The C# member name (<c>ImageTag</c>).</param>
/// <param name="Type">The member type.</param>
/// <param name="Description">Description from the attribute.</param>
/// <param name="EnvironmentVariable">The conventional variable (<c>PIPELINES_IMAGE_TAG</c>).</param>
/// <param name="ExplicitEnvironmentVariable">An extra variable the parameter declares (<c>AWS_REGION</c>), if any.</param>
/// <param name="IsSecret">Marked <c>[Secret]</c>.</param>
/// <param name="IsRequired">Marked <c>[Required]</c>.</param>
public sealed record ParameterDescription(
    string Name,
    string MemberName,
    Type Type,
    string Description,
    string EnvironmentVariable,
    string? ExplicitEnvironmentVariable,
    bool IsSecret,
    bool IsRequired);
