namespace Pipelines.Tests.Builds;

/// <summary>One target for each summary status.</summary>
public sealed class SummaryBuild : PipelineBuild
{
    [Parameter("Run the tests")]
    readonly bool RunTests;

    Target Prepare => _ => _.Executes(() => Log.WriteLine("preparing"));

    Target Compile => _ => _.DependsOn(Prepare).Executes(() =>
    {
        Log.WriteLine("compiling 2 projects");
        Note("2 projects");
    });

    Target Lint => _ => _.ProceedAfterFailure().Executes(() =>
    {
        Log.WriteLine("linting");
        throw new TargetFailedException("3 warnings treated as errors; fix them or pass --lint-level warn");
    });

    Target Test => _ => _.DependsOn(Compile).After(Lint).OnlyWhenDynamic(() => RunTests).Executes(() => Log.WriteLine("testing"));

    Target Package => _ => _.DependsOn(Lint).Executes(() => Log.WriteLine("packaging"));

    Target Clean => _ => _.AssuredAfterFailure().After(Package).Executes(() =>
    {
        Log.WriteLine("cleaning");
        Note("removed 4 files");
    });

    Target Build => _ => _.DependsOn(Compile);
}

public sealed class CancelBuild : PipelineBuild
{
    Target Build => _ => _.Executes(async ct =>
    {
        Log.WriteLine("ran:Build");
        Log.WriteLine("waiting for cancellation");
        await Task.Delay(Timeout.Infinite, ct);
    });

    Target Next => _ => _.DependsOn(Build).Executes(() => Log.WriteLine("ran:Next"));

    Target Cleanup => _ => _.AssuredAfterFailure().After(Next).Executes(async ct =>
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested(); // an assured target gets a token that is not already cancelled
        Log.WriteLine("ran:Cleanup");
    });
}
