namespace Pipelines.Tests.Builds;

public interface ICompileComponent : IPipelineBuild
{
    [Parameter("Build configuration")]
    Configuration Configuration => TryGetValue(() => Configuration) ?? Configuration.Debug;

    Target Compile => _ => _.Description("Compile the code").Executes(() => Log.WriteLine($"ran:Compile {Configuration}"));
}

public interface ITestComponent : IPipelineBuild
{
    [Parameter("Test filter")]
    string? TestFilter => TryGetValue(() => TestFilter);

    [Parameter("How long tests may run")]
    TimeSpan TestTimeout => TryGetValue(() => TestTimeout) ?? TimeSpan.FromMinutes(10);

    [Parameter("Retries")]
    int? Retries => TryGetValue(() => Retries);

    [Parameter("Collect coverage")]
    bool? Coverage => TryGetValue(() => Coverage);

    [Parameter("Test categories")]
    string[]? Categories => TryGetValue(() => Categories);

    Target Test => _ => _
        .DependsOn<ICompileComponent>(x => x.Compile)
        .TryDependsOn<IPackComponent>(x => x.Pack)
        .Executes(() => Log.WriteLine($"ran:Test {TestFilter} {TestTimeout} {Retries} {Coverage} {string.Join(",", Categories ?? [])}"));
}

/// <summary>Not implemented by <see cref="ComponentBuild"/>: TryDependsOn on it is a no-op.</summary>
public interface IPackComponent : IPipelineBuild
{
    Target Pack => _ => _.Executes(() => Log.WriteLine("ran:Pack"));
}

public enum Configuration
{
    Debug,
    Release,
}

public sealed class ComponentBuild : PipelineBuild, ICompileComponent, ITestComponent
{
    Target Publish => _ => _
        .DependsOn<ITestComponent>(x => x.Test)
        .Executes(() => Log.WriteLine("ran:Publish"));
}
