using Pipelines;
using Pipelines.CiGeneration;
using Pipelines.Components.Parameters;

/// <summary>
/// The delivery pipeline of PipelinesApp. <c>Ci</c> builds and pushes the image; <c>Cd</c> deploys it through the
/// GitOps config repo; <c>Release</c> is both. After changing this class, run <c>./build.sh --generate-ci</c> and
/// commit the CI files it rewrites (a CI run fails while they are stale).
/// </summary>
[CiJob(nameof(Ci))]
[CiJob(nameof(Cd), Environment = "prod")]
[GitHubActions("pull-request", On = [GitHubActionsTrigger.PullRequest], OnPullRequestBranches = ["main"], InvokedTargets = [nameof(Ci)])]
[GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = [nameof(Release)],
    ReadPermissions = [GitHubActionsPermission.Contents], WritePermissions = [GitHubActionsPermission.IdToken],
    Concurrency = "release")]
[Jenkins(InvokedTargets = [nameof(Release)], GitHubPush = true)]
class Build : PipelineBuild, IImageParameters
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Release);

    Target Ci => _ => _
        .Description("Build, test and push the image");

    Target Cd => _ => _
        .Description("Deploy the pushed image through the config repo and wait for the rollout")
        .After(Ci);

    Target Release => _ => _
        .Description("Ci, then Cd")
        .DependsOn(Ci, Cd);
}
