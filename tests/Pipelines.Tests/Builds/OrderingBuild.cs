namespace Pipelines.Tests.Builds;

/// <summary>Targets wired with every kind of edge; each logs "ran:Name".</summary>
public sealed class OrderingBuild : PipelineBuild
{
    Target Restore => _ => _.Description("Restore packages").Executes(() => Log.WriteLine("ran:Restore"));

    Target Compile => _ => _.Description("Compile").DependsOn(Restore).Executes(() => Log.WriteLine("ran:Compile"));

    Target Lint => _ => _.After(Restore).Before(Compile).Executes(() => Log.WriteLine("ran:Lint"));

    Target Test => _ => _.DependsOn(Compile).Triggers(Report).Executes(() => Log.WriteLine("ran:Test"));

    Target Report => _ => _.Executes(() => Log.WriteLine("ran:Report"));

    Target Pack => _ => _.DependsOn(Compile).After(Test).Executes(() => Log.WriteLine("ran:Pack"));

    Target Announce => _ => _.TriggeredBy(Pack).Executes(() => Log.WriteLine("ran:Announce"));

    Target Prepare => _ => _.DependentFor(Restore).Executes(() => Log.WriteLine("ran:Prepare"));

    Target All => _ => _.DependsOn(Test, Pack);

    Target Hidden => _ => _.Unlisted().Executes(() => Log.WriteLine("ran:Hidden"));
}
