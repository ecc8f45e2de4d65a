namespace Pipelines.Tests.Builds;

public sealed class CyclicBuild : PipelineBuild
{
    Target A => _ => _.DependsOn(C).Executes(() => { });
    Target B => _ => _.DependsOn(A).Executes(() => { });
    Target C => _ => _.After(B).Executes(() => { });
}

public interface IDeployComponent : IPipelineBuild
{
    Target Deploy => _ => _.Executes(() => Log.WriteLine("ran:component Deploy"));
}

public interface IOtherDeployComponent : IPipelineBuild
{
    Target Deploy => _ => _.Executes(() => Log.WriteLine("ran:other Deploy"));
}

/// <summary>A private class target does not implement the interface's: two targets share a name.</summary>
public sealed class ClassAndComponentSameNameBuild : PipelineBuild, IDeployComponent
{
    Target Deploy => _ => _.Executes(() => Log.WriteLine("ran:class Deploy"));
}

public sealed class TwoComponentsSameNameBuild : PipelineBuild, IDeployComponent, IOtherDeployComponent;

/// <summary>An explicit implementation overrides the component's target: one target, no error.</summary>
public sealed class OverridingBuild : PipelineBuild, IDeployComponent
{
    Target IDeployComponent.Deploy => _ => _.Executes(() => Log.WriteLine("ran:overridden Deploy"));
}

public sealed class MissingComponentBuild : PipelineBuild
{
    Target Publish => _ => _.DependsOn<IDeployComponent>(x => x.Deploy).Executes(() => { });
}
