namespace Pipelines.GitOps;

/// <summary>How a config change ended.</summary>
public enum ChangeOutcome
{
    /// <summary>Committed and pushed to the config branch.</summary>
    Pushed,

    /// <summary>Committed to a branch with a pull request opened or updated.</summary>
    PullRequest,

    /// <summary>The config already points at the image; nothing was committed.</summary>
    AlreadyCurrent,

    /// <summary>The config already runs an image built from a newer commit of the same branch; nothing was committed.</summary>
    Superseded,

    /// <summary>Dry run: the diff was computed, nothing was committed or pushed.</summary>
    DryRun,
}
