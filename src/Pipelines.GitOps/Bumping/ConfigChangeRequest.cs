namespace Pipelines.GitOps;

/// <summary>What every change to the config repo is asked with: where it goes, how it lands, and where it came from.</summary>
public abstract record ConfigChangeRequest
{
    /// <summary>Environment name from the config repo's catalog; null to edit <see cref="ConfigPath"/> (or the whole repo).</summary>
    public string? Environment { get; init; }

    /// <summary>Folder to edit; overrides the environment's folder. Null for the environment's folder or the whole repo.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Overrides the environment's push mode; null for the environment's (or <see cref="GitOps.PushMode.Push"/>).</summary>
    public PushMode? PushMode { get; init; }

    /// <summary>Compute and return the diff without committing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Ask the registry first and refuse a reference it does not have.</summary>
    public bool VerifyImage { get; init; } = true;

    /// <summary>Link to the build (a trailer).</summary>
    public string? BuildUrl { get; init; }
}
