namespace Pipelines.CiGeneration;

/// <summary>A scope of the workflow's <c>GITHUB_TOKEN</c>, granted with
/// <see cref="GitHubActionsAttribute.ReadPermissions"/> or <see cref="GitHubActionsAttribute.WritePermissions"/>.</summary>
public enum GitHubActionsPermission
{
    /// <summary><c>actions</c>.</summary>
    Actions,

    /// <summary><c>checks</c>.</summary>
    Checks,

    /// <summary><c>contents</c>: the repository's code.</summary>
    Contents,

    /// <summary><c>deployments</c>.</summary>
    Deployments,

    /// <summary><c>id-token</c>: only <c>write</c> means anything; lets a job request an OIDC token (e.g. to assume an AWS role).</summary>
    IdToken,

    /// <summary><c>issues</c>.</summary>
    Issues,

    /// <summary><c>packages</c>.</summary>
    Packages,

    /// <summary><c>pull-requests</c>.</summary>
    PullRequests,

    /// <summary><c>statuses</c>.</summary>
    Statuses,
}
