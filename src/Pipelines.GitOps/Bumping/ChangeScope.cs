using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Where and how one config change applies: the environment (or folder), how it lands, and how much history it reads.</summary>
/// <param name="Environment">The environment's name, or null to edit <paramref name="ConfigPath"/> (or the whole repo).</param>
/// <param name="ConfigPath">A folder overriding the environment's, or null.</param>
/// <param name="PushMode">Overrides the environment's push mode; null for the environment's (or a push).</param>
/// <param name="DryRun">Compute the diff, commit nothing.</param>
/// <param name="ImageName">The image's short name, which names the pull-request branch.</param>
sealed record ChangeScope(string? Environment, string? ConfigPath, PushMode? PushMode, bool DryRun, string ImageName)
{
    /// <summary>Which input named the environment (a promotion's target, or the environment itself).</summary>
    public Input EnvironmentInput { get; init; } = GitOpsInputs.Environment;

    /// <summary>Clone the whole history (rollbacks and ordering read earlier bumps); shallow otherwise.</summary>
    public bool FullHistory { get; init; }
}
