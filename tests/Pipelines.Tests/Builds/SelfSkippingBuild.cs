namespace Pipelines.Tests.Builds;

/// <summary>A target that finds at run time it has nothing to do here and skips itself; the target after it still runs.</summary>
public sealed class SelfSkippingBuild : PipelineBuild
{
    Target Probe => _ => _.Executes(async () =>
    {
        await Task.Yield();
        Log.WriteLine("ran:Probe");
        Note("no engine at unix:///nowhere.sock");
        throw new TargetSkippedException("not smoke-tested");
    });

    Target Push => _ => _.DependsOn(Probe).Executes(() => Log.WriteLine("ran:Push"));
}
