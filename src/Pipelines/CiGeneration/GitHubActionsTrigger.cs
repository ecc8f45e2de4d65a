namespace Pipelines.CiGeneration;

/// <summary>An event that starts a generated GitHub Actions workflow.</summary>
public enum GitHubActionsTrigger
{
    /// <summary><c>push</c>, filtered by <see cref="GitHubActionsAttribute.OnPushBranches"/> and <see cref="GitHubActionsAttribute.OnPushPaths"/>.</summary>
    Push,

    /// <summary><c>pull_request</c>, filtered by <see cref="GitHubActionsAttribute.OnPullRequestBranches"/> and <see cref="GitHubActionsAttribute.OnPullRequestPaths"/>.</summary>
    PullRequest,

    /// <summary><c>workflow_dispatch</c>, with the inputs named in <see cref="GitHubActionsAttribute.OnWorkflowDispatchInputs"/>.</summary>
    WorkflowDispatch,

    /// <summary><c>schedule</c>, with the cron lines in <see cref="GitHubActionsAttribute.OnSchedule"/>.</summary>
    Schedule,
}
