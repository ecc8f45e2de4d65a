using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>An object GitHub's git-data API made differs from the local one it was made from, so the commit would not hold
/// what the change wrote. Raised before any branch points at it.</summary>
public sealed class GitHubCommitMismatchException(string what, string github, string local)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.CommitThroughGitHub,
        $"stopped: GitHub made {what} {CommitMessage.Short(github)} where the local commit has {CommitMessage.Short(local)}; no branch was changed",
        $"turn commits through the GitHub API off to push the commit instead");
