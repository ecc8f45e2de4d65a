using Pipelines;
using Pipelines.CiGeneration;
using Pipelines.Components;

/// <summary>
/// The sample app's delivery: on every push to main, Ci then Cd to dev as separate CI jobs (the pushed image handed between
/// them), then the same image promoted to prod behind the prod environment's approval. Locally (<c>./build.sh</c>) the image stays in the local engine and the config repo
/// is a bare repository under artifacts/; <c>--profile ecr-cn</c> targets ECR and EKS in cn-north-1.
/// </summary>
[GitHubActions("release",
    On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"],
    InvokedTargets = [nameof(DeployProd)],
    // The config repo is another repository, which the workflow's GITHUB_TOKEN cannot write to: a GitHub App installed on it
    // mints a token per job, scoped to that repository alone.
    ConfigRepository = "example-org/gitops-config",
    ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken), ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp,
    GitHubAppIdSecret = "CONFIG_REPO_APP_ID", GitHubAppPrivateKeySecret = "CONFIG_REPO_APP_PRIVATE_KEY",
    WritePermissions = [GitHubActionsPermission.IdToken], ReadPermissions = [GitHubActionsPermission.Contents],
    Profiles = ["ecr-cn"], Concurrency = "release", TimeoutMinutes = 30)]
[Jenkins(
    InvokedTargets = [nameof(DeployProd)],
    KubernetesPodTemplate = "deploy/jenkins-agent-pod.yaml", KubernetesDefaultContainer = "dotnet", Profiles = ["ecr-cn"],
    // The GitHub Branch Source plugin's GitHub App credential: Jenkins mints an installation token for each build.
    ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken), ConfigRepoCredential = "config-repo-github-app",
    ConfigRepoCredentialKind = JenkinsCredentialKind.GitHubApp,
    GitHubPush = true, TimeoutMinutes = 60)]
[CiJob(nameof(ICi.Ci))]
[CiJob(nameof(ICd.Cd))]
[CiJob(nameof(DeployProd), Environment = "prod")]
partial class Build : PipelineBuild, IRelease, IPublish, IPushEcr, IPushImage, IInitConfigRepo, IVerifyPromotion, IRollback
{
    public static int Main(string[] args) => Execute<Build>(args, x => ((IRelease)x).Release);

    /// <summary>
    /// Production gets exactly what dev runs and verified (Cd's Verify records the verdict in the config repo; with
    /// --required-soak Promote refuses an image dev did not pass for that long), and the job watches it roll out and verifies
    /// it there (skipped without a kubeconfig for the prod cluster); in CI this job waits for the prod environment's approval.
    /// </summary>
    Target DeployProd => _ => _
        .Description("Release to dev, promote the image dev runs and verified to prod (--from dev --to prod), wait for it and verify it there; gated by the prod environment in CI")
        .DependsOn<IRelease>(x => x.Release)
        .DependsOn<IPromote>(x => x.Promote)
        .DependsOn<IWaitPromotion>(x => x.WaitPromotion)
        .DependsOn<IVerifyPromotion>(x => x.VerifyPromotion);

}
