using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The requested environment is not defined in the config repo.</summary>
/// <param name="input">Which environment input named it: the environment, or a promotion's source or target.</param>
/// <param name="name">The name asked for.</param>
/// <param name="known">The environments the config repo defines.</param>
public sealed class UnknownEnvironmentException(Input input, string name, IReadOnlyCollection<string> known)
    : GitOpsException(FailureKind.BadInput, input,
        $"'{name}' is not an environment of the config repo (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})",
        $"pass one of the known names or add it to environments.yaml")
{
    /// <summary>The environment name that was asked for.</summary>
    public string Name { get; } = name;
}
