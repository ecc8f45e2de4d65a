using Pipelines;
using Pipelines.CiGeneration;
using Pipelines.Components;

/// <summary>
/// The delivery pipeline of PipelinesApp: <c>Ci</c> compiles, tests, builds the image, runs it until it answers
/// (<c>SmokeTest</c>: its single <c>EXPOSE</c>d port must serve <c>/healthz</c>, or pass <c>--smoke-test-path</c>) and pushes it to ECR; <c>Cd</c>
/// writes the pushed image into the GitOps config repo, waits for the rollout and verifies the app (<c>Verify</c>: its Service
/// through the Kubernetes API's service proxy, <c>--verify-soak</c> to let it soak; the verdict is recorded in the config repo);
/// <c>Release</c> is both. <c>InitConfigRepo</c> scaffolds the config repo, <c>Promote</c> (<c>--required-soak</c> to refuse an image
/// the source environment did not pass that long), <c>WaitPromotion</c> and <c>VerifyPromotion</c> carry what one environment runs
/// into the next, and <c>Rollback</c> reverts the newest bump (or goes back to <c>--to-tag</c>). Set <c>ConfigRepo</c> (and <c>Environment</c>) in .nuke/parameters.json or pass <c>--config-repo</c>.
/// The release workflow assumes the IAM role in the repository variable AWS_ROLE_ARN through GitHub's OIDC provider, and writes
/// to the config repo (CONFIG_REPOSITORY_VALUE) with a GitHub App's installation token: set the repository secrets
/// CONFIG_REPO_APP_ID and CONFIG_REPO_APP_PRIVATE_KEY (or switch ConfigRepoTokenSource to Secret and set
/// CONFIG_REPO_TOKEN to a fine-grained token). Jenkins binds the secret-text credential config-repo-token.
/// After changing this class, run <c>./build.sh --generate-ci</c> and commit the CI files it rewrites: a CI run fails
/// while they are stale.
/// </summary>
[GitHubActions("pull-request",
    On = [GitHubActionsTrigger.PullRequest], OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(ICi.Ci)])]
[GitHubActions("release",
    On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"],
    InvokedTargets = [nameof(IRelease.Release)],
    ConfigRepository = "CONFIG_REPOSITORY_VALUE",
    ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken), ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp,
    GitHubAppIdSecret = "CONFIG_REPO_APP_ID", GitHubAppPrivateKeySecret = "CONFIG_REPO_APP_PRIVATE_KEY",
    ReadPermissions = [GitHubActionsPermission.Contents],
    AwsRoleToAssume = "${{ vars.AWS_ROLE_ARN }}", AwsRegion = "AWS_REGION_VALUE",
    Concurrency = "release")]
[Jenkins(InvokedTargets = [nameof(IRelease.Release)], GitHubPush = true,
    ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken), ConfigRepoCredential = "config-repo-token")]
[CiJob(nameof(ICi.Ci))]
[CiJob(nameof(ICd.Cd), Environment = "prod")]
class Build : PipelineBuild, ICompile, ITest, IDockerBuild, IPushEcr, IBumpConfigRepo, IWaitRollout, IRelease,
    IInitConfigRepo, IPromote, IVerifyPromotion, IRollback
{
    public static int Main(string[] args) => Execute<Build>(args, x => ((IRelease)x).Release);
}
