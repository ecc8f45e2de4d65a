namespace Pipelines.CiGeneration;

/// <summary>
/// Declares a GitHub Actions workflow, written to <c>.github/workflows/&lt;name&gt;.yml</c> by <c>./build.sh --generate-ci</c>.
/// Repeat it for several workflows. Job boundaries come from <see cref="CiJobAttribute"/>.
/// </summary>
/// <example><code>
/// [GitHubActions("release",
///     On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"],
///     InvokedTargets = [nameof(Release)],
///     ImportSecrets = [nameof(RegistryPassword)],
///     ConfigRepository = "example-org/gitops-config", ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken),
///     ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp,
///     GitHubAppIdSecret = "CONFIG_REPO_APP_ID", GitHubAppPrivateKeySecret = "CONFIG_REPO_APP_PRIVATE_KEY",
///     SigningKey = nameof(IConfigRepoParameters.SigningKey), SigningKeySecret = "CONFIG_REPO_SIGNING_KEY",
///     WritePermissions = [GitHubActionsPermission.IdToken], ReadPermissions = [GitHubActionsPermission.Contents],
///     Concurrency = "release")]
/// </code></example>
/// <param name="name">Workflow name and file name (lower case letters, digits, <c>-</c> and <c>_</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class GitHubActionsAttribute(string name) : Attribute
{
    /// <summary>Workflow name and file name.</summary>
    public string Name { get; } = name;

    /// <summary>Events that start the workflow. A filter, input or cron set below adds its event too.</summary>
    public GitHubActionsTrigger[] On { get; init; } = [];

    /// <summary>Branch patterns for <c>push</c>.</summary>
    public string[] OnPushBranches { get; init; } = [];

    /// <summary>Tag patterns for <c>push</c>.</summary>
    public string[] OnPushTags { get; init; } = [];

    /// <summary>Path patterns for <c>push</c> (prefix with <c>!</c> to exclude).</summary>
    public string[] OnPushPaths { get; init; } = [];

    /// <summary>Base-branch patterns for <c>pull_request</c>.</summary>
    public string[] OnPullRequestBranches { get; init; } = [];

    /// <summary>Path patterns for <c>pull_request</c> (prefix with <c>!</c> to exclude).</summary>
    public string[] OnPullRequestPaths { get; init; } = [];

    /// <summary>Parameters offered as typed <c>workflow_dispatch</c> inputs (member or kebab names; use <c>nameof</c>).
    /// The input's type follows the parameter's: bool is a boolean, an enum a choice, the rest a string (the build parses it).</summary>
    public string[] OnWorkflowDispatchInputs { get; init; } = [];

    /// <summary>Cron lines for <c>schedule</c> (UTC, five fields).</summary>
    public string[] OnSchedule { get; init; } = [];

    /// <summary>Targets the workflow runs; the build's default targets when empty.</summary>
    public string[] InvokedTargets { get; init; } = [];

    /// <summary>Parameter profiles every job selects (<c>--profile ecr-cn</c> reads <c>.nuke/parameters.ecr-cn.json</c>).</summary>
    public string[] Profiles { get; init; } = [];

    /// <summary>Runner images; several make every job a matrix over them.</summary>
    public string[] RunsOn { get; init; } = ["ubuntu-latest"];

    /// <summary>Secret parameters (member or kebab names) filled from <c>secrets.SCREAMING_SNAKE</c> of their name
    /// (<c>ConfigRepoToken</c> reads <c>secrets.CONFIG_REPO_TOKEN</c>) into the build step's environment.</summary>
    public string[] ImportSecrets { get; init; } = [];

    /// <summary><c>owner/name</c> of the config repo the workflow writes to, when it is another repository than the one that runs
    /// the workflow (leave it unset when the config lives in this repository). The workflow's <c>secrets.GITHUB_TOKEN</c> cannot
    /// write there, so generation refuses a workflow that would hand that token over; choose
    /// <see cref="ConfigRepoTokenSource"/> <see cref="GitHubActionsTokenSource.GitHubApp"/> or
    /// <see cref="GitHubActionsTokenSource.Secret"/>.</summary>
    public string? ConfigRepository { get; init; }

    /// <summary>The secret parameter (member or kebab name) that carries the token writing to the config repo, e.g.
    /// <c>nameof(IConfigRepoParameters.GitHubToken)</c>; it is filled from <see cref="ConfigRepoTokenSource"/>.</summary>
    public string? ConfigRepoToken { get; init; }

    /// <summary>Where <see cref="ConfigRepoToken"/> comes from: the workflow token (the default), a GitHub App installation token,
    /// or a named secret.</summary>
    public GitHubActionsTokenSource ConfigRepoTokenSource { get; init; } = GitHubActionsTokenSource.WorkflowToken;

    /// <summary>With <see cref="GitHubActionsTokenSource.GitHubApp"/>: the secret holding the app's id (read as <c>secrets.NAME</c>,
    /// which every workflow linter knows; the id itself need not be secret).</summary>
    public string GitHubAppIdSecret { get; init; } = "CONFIG_REPO_APP_ID";

    /// <summary>With <see cref="GitHubActionsTokenSource.GitHubApp"/>: the secret holding the app's private key (PEM).</summary>
    public string GitHubAppPrivateKeySecret { get; init; } = "CONFIG_REPO_APP_PRIVATE_KEY";

    /// <summary>With <see cref="GitHubActionsTokenSource.Secret"/>: the secret holding a fine-grained personal access token with
    /// Contents and Pull requests write access to the config repo.</summary>
    public string ConfigRepoTokenSecret { get; init; } = "CONFIG_REPO_TOKEN";

    /// <summary>The secret parameter (member or kebab name) that carries the private key signing config-repo commits, e.g.
    /// <c>nameof(IConfigRepoParameters.SigningKey)</c>; filled from the secret <see cref="SigningKeySecret"/>. Unsigned when null.</summary>
    public string? SigningKey { get; init; }

    /// <summary>The repository or environment secret holding the signing key: an SSH private key or an armored OpenPGP secret key.</summary>
    public string SigningKeySecret { get; init; } = "CONFIG_REPO_SIGNING_KEY";

    /// <summary>The secret parameter that carries the signing key's passphrase, e.g.
    /// <c>nameof(IConfigRepoParameters.SigningKeyPassphrase)</c>; filled from <see cref="SigningKeyPassphraseSecret"/>. None when null.</summary>
    public string? SigningKeyPassphrase { get; init; }

    /// <summary>The secret holding the signing key's passphrase.</summary>
    public string SigningKeyPassphraseSecret { get; init; } = "CONFIG_REPO_SIGNING_KEY_PASSPHRASE";

    /// <summary>Token scopes granted <c>read</c>. With no permissions at all the workflow gets <c>contents: read</c>.</summary>
    public GitHubActionsPermission[] ReadPermissions { get; init; } = [];

    /// <summary>Token scopes granted <c>write</c> (<see cref="GitHubActionsPermission.IdToken"/> for OIDC to a cloud).</summary>
    public GitHubActionsPermission[] WritePermissions { get; init; } = [];

    /// <summary>An AWS IAM role every job assumes through GitHub's OIDC provider before the build step
    /// (<c>aws-actions/configure-aws-credentials</c>), e.g. <c>arn:aws-cn:iam::123456789012:role/ci</c> or
    /// <c>${{ vars.AWS_ROLE_ARN }}</c>. Grants <c>id-token: write</c>. Needs <see cref="AwsRegion"/>.</summary>
    public string? AwsRoleToAssume { get; init; }

    /// <summary>The AWS region for <see cref="AwsRoleToAssume"/> (<c>cn-north-1</c>).</summary>
    public string? AwsRegion { get; init; }

    /// <summary>Concurrency group: runs in the same group queue behind each other.</summary>
    public string? Concurrency { get; init; }

    /// <summary>Whether a new run in the <see cref="Concurrency"/> group cancels the one in progress.</summary>
    public bool CancelInProgress { get; init; }

    /// <summary>The .NET SDK version <c>actions/setup-dotnet</c> installs.</summary>
    public string DotNetVersion { get; init; } = "10.0.x";

    /// <summary>Cache <c>~/.nuget/packages</c>, keyed on <c>Directory.Packages.props</c> and every project file.</summary>
    public bool CacheNuGetPackages { get; init; } = true;

    /// <summary>Minutes before GitHub cancels a job; 0 leaves GitHub's default.</summary>
    public int TimeoutMinutes { get; init; }
}
