using Pipelines.CiGeneration;

namespace Pipelines.Tests.CiGeneration;

/// <summary>The sample app's flow as a real build: Ci and Cd are jobs, the pushed image travels between them as an output,
/// and the deploy job is gated by the prod environment. Each target logs "ran:Name".</summary>
[CiJob(nameof(Ci))]
[CiJob(nameof(Cd), Environment = "prod", EnvironmentUrl = "https://app.example.com")]
[GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = [nameof(Release)],
    ImportSecrets = [nameof(ConfigRepoToken)], WritePermissions = [GitHubActionsPermission.IdToken])]
[Jenkins(InvokedTargets = [nameof(Release)], ImportSecrets = [nameof(ConfigRepoToken)])]
public sealed class FlowBuild : PipelineBuild
{
    [Parameter("Token that may push to the config repo"), Secret]
    readonly string? ConfigRepoToken = null;

    Target Compile => _ => _.Executes(() => Log.WriteLine("ran:Compile"));

    Target Test => _ => _.DependsOn(Compile).Triggers(Report).Executes(() => Log.WriteLine("ran:Test"));

    Target Report => _ => _.Executes(() => Log.WriteLine("ran:Report"));

    Target DockerBuild => _ => _.DependsOn(Test).Executes(() =>
    {
        Log.WriteLine("ran:DockerBuild");
        Outputs.Set("image", "app:1a2b3c4");
    });

    Target PushEcr => _ => _.DependsOn(DockerBuild).Executes(() =>
    {
        Log.WriteLine("ran:PushEcr");
        Outputs.Set("pushed-image", $"registry.example/{Outputs.Get<string>("image")}@sha256:abc");
    });

    Target Ci => _ => _.DependsOn(PushEcr);

    Target BumpConfigRepo => _ => _.After(PushEcr).Executes(() =>
    {
        Log.WriteLine("ran:BumpConfigRepo");
        Log.WriteLine($"deploying {Outputs.Get<string>("pushed-image") ?? "nothing"} with {(ConfigRepoToken is null ? "no token" : "a token")}");
    });

    Target WaitRollout => _ => _.DependsOn(BumpConfigRepo).Executes(() => Log.WriteLine("ran:WaitRollout"));

    Target Cd => _ => _.DependsOn(WaitRollout);

    Target Release => _ => _.DependsOn(Ci, Cd);
}
