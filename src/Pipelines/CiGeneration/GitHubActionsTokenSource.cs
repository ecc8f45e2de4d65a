namespace Pipelines.CiGeneration;

/// <summary>Where a workflow gets the token that writes to the config repo (<see cref="GitHubActionsAttribute.ConfigRepoTokenSource"/>).</summary>
public enum GitHubActionsTokenSource
{
    /// <summary>The workflow's own <c>secrets.GITHUB_TOKEN</c>: it can write only to the repository that runs the workflow.</summary>
    WorkflowToken,

    /// <summary>An installation token of a GitHub App, minted per job by <c>actions/create-github-app-token</c> from the app id
    /// and private key the attribute names, scoped to the config repo: GitHub's recommended way to write to another repository.</summary>
    GitHubApp,

    /// <summary>A repository secret holding a fine-grained personal access token for the config repo.</summary>
    Secret,
}
