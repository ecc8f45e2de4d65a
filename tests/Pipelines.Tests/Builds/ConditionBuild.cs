namespace Pipelines.Tests.Builds;

public sealed class ConditionBuild : PipelineBuild
{
    [Parameter("Publish the packages")]
    readonly bool Publish;

    [Parameter("Feed API key")]
    readonly string? FeedKey;

    bool _compiled;

    Target Restore => _ => _.Executes(() => Log.WriteLine("ran:Restore"));

    Target Compile => _ => _.DependsOn(Restore).Executes(() =>
    {
        _compiled = true;
        Log.WriteLine("ran:Compile");
    });

    Target Sign => _ => _.Executes(() => Log.WriteLine("ran:Sign"));

    Target Push => _ => _
        .DependsOn(Compile, Sign)
        .OnlyWhenStatic(() => Publish)
        .Executes(() => Log.WriteLine("ran:Push"));

    Target Upload => _ => _
        .DependsOn(Compile)
        .OnlyWhenDynamic(() => _compiled && FeedKey != null)
        .Executes(() => Log.WriteLine("ran:Upload"));

    Target Release => _ => _
        .DependsOn(Compile)
        .Requires(() => FeedKey)
        .Executes(() => Log.WriteLine("ran:Release"));

    Target Guarded => _ => _
        .Requires(() => Publish)
        .Executes(() => Log.WriteLine("ran:Guarded"));

    Target Everything => _ => _.DependsOn(Push, Upload);
}
