using Pipelines.CiGeneration;

namespace Pipelines.Tests.Builds;

[GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = [nameof(Compile)])]
[Jenkins(InvokedTargets = [nameof(Compile)])]
public sealed class CiBuild : PipelineBuild
{
    internal Target Compile => _ => _.Executes(() => Log.WriteLine("ran:Compile"));
}
