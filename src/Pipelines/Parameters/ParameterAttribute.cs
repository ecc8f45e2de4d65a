namespace Pipelines;

/// <summary>
/// Marks a field or property as a parameter, bound from (highest first) the command line (<c>--image-tag</c>),
/// the environment (<c>PIPELINES_IMAGE_TAG</c> or <see cref="EnvironmentVariable"/>),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c> and <c>.nuke/parameters.json</c>.
/// </summary>
/// <param name="description">Shown in <c>--help</c> and the schema.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    /// <summary>Shown in <c>--help</c> and the schema.</summary>
    public string Description { get; } = description;

    /// <summary>Overrides the kebab-case command-line name derived from the member name.</summary>
    public string? Name { get; init; }

    /// <summary>An extra environment variable that binds this parameter (e.g. <c>AWS_REGION</c>).</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>The command-line name (without dashes) of the parameter <paramref name="member"/> declares, e.g. <c>image-tag</c>.</summary>
    public static string NameOf(System.Reflection.MemberInfo member) => Pipelines.Parameters.ParameterDiscovery.NameOf(member);
}
