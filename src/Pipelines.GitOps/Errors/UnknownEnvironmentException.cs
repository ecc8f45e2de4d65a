namespace Pipelines.GitOps;

/// <summary>The requested environment is not defined in the config repo.</summary>
public sealed class UnknownEnvironmentException(string name, IReadOnlyCollection<string> known)
    : GitOpsException("--environment", $"'{name}' is not an environment of the config repo (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})", "pass one of the known names or add it to environments.yaml")
{
    /// <summary>The environment name that was asked for.</summary>
    public string Name { get; } = name;
}
