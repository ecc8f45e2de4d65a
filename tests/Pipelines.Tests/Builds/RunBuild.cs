namespace Pipelines.Tests.Builds;

/// <summary>Targets that succeed, fail, note, hand values on, and clean up.</summary>
public sealed class RunBuild : PipelineBuild
{
    [Parameter("Make Compile fail")]
    readonly bool FailCompile;

    Target Restore => _ => _.Description("Restore packages").Executes(async ct =>
    {
        await Task.Yield();
        Log.WriteLine("ran:Restore");
        Note("3 packages");
        Outputs.Set("restored", new RestoreResult("abc", 3));
    });

    internal Target Compile => _ => _.Description("Compile everything").DependsOn(Restore).Executes(() =>
    {
        Log.WriteLine("ran:Compile");
        if (FailCompile)
            throw new TargetFailedException("compilation failed: 2 errors; see the log above");
        Note($"used {Outputs.Get<RestoreResult>("restored")!.Packages} packages");
    });

    Target Lint => _ => _.ProceedAfterFailure().Executes(() =>
    {
        Log.WriteLine("ran:Lint");
        throw new InvalidOperationException("lint exploded");
    });

    Target Test => _ => _.DependsOn(Compile).After(Lint).Executes(() => Log.WriteLine("ran:Test"));

    Target Tag => _ => _.Executes(() =>
    {
        Log.WriteLine("ran:Tag");
        throw new InvocationException("--image-tag 'latest' is refused: tags must be immutable; pass a commit SHA");
    });

    Target Docs => _ => _.After(Lint).Executes(() => Log.WriteLine("ran:Docs"));

    Target Clean => _ => _.AssuredAfterFailure().After(Test, Docs).Executes(() => Log.WriteLine("ran:Clean"));

    internal Target Ci => _ => _.Description("Everything CI runs").DependsOn(Test, Clean);
}

public sealed record RestoreResult(string Hash, int Packages);
