namespace Pipelines.GitOps;

/// <summary>How a change reaches the config repo's branch.</summary>
public enum PushMode
{
    /// <summary>Commit and push to the branch directly, retrying when other pushes land first.</summary>
    Push,

    /// <summary>Push a branch and open (or update) a pull request against the config branch.</summary>
    PullRequest,
}
