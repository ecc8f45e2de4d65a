using Pipelines.Tooling;

namespace Pipelines.GitOps;

public static partial class GitOpsInputs
{
    /// <summary>How long the promoted image must have passed verification in the source environment.</summary>
    public static readonly Input RequiredSoak = new("required soak");

    /// <summary>Promote even without the verification the required soak asks for.</summary>
    public static readonly Input ForceUnverified = new("unverified override");

    /// <summary>How long a wait for a pull request's merge may take.</summary>
    public static readonly Input MergeTimeout = new("merge timeout");

    /// <summary>How often a pull request's state is read while waiting for its merge.</summary>
    public static readonly Input MergePollInterval = new("merge poll interval");

    /// <summary>The pull request a wait follows.</summary>
    public static readonly Input PullRequest = new("pull request");
}
