using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Requirements
{
    [Fact]
    public async Task A_missing_required_parameter_fails_before_anything_runs()
    {
        var result = await Run.Build<ConditionBuild>(["Release"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Ran);
        Assert.Equal("error: target Release requires --feed-key: pass --feed-key <value>, set PIPELINES_FEED_KEY, or add \"FeedKey\" to .nuke/parameters.json", result.ErrorLine);
    }

    [Fact]
    public async Task A_given_required_parameter_lets_the_target_run()
    {
        var result = await Run.Build<ConditionBuild>(["Release"], Run.Env(("PIPELINES_FEED_KEY", "k-1234")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Release"], result.Ran);
    }

    [Fact]
    public async Task A_false_required_condition_fails_with_its_text()
    {
        var result = await Run.Build<ConditionBuild>(["Guarded"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: target Guarded requires Publish, which is false", result.ErrorLine);
    }

    [Fact]
    public async Task Requirements_of_skipped_targets_are_not_checked()
    {
        var result = await Run.Build<ConditionBuild>(["Release", "--skip", "Release"]);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_required_attribute_parameter_must_be_given()
    {
        var result = await Run.Build<RequiredParameterBuild>(["Deploy"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: parameter --cluster is required: pass --cluster <value>, set PIPELINES_CLUSTER", result.ErrorLine);

        var given = await Run.Build<RequiredParameterBuild>(["Deploy", "--cluster", "prod"]);
        Assert.Equal(0, given.ExitCode);
    }
}

public sealed class RequiredParameterBuild : PipelineBuild
{
    [Parameter("Cluster to deploy to"), Required]
    readonly string? Cluster;

    Target Deploy => _ => _.Executes(() => Log.WriteLine($"ran:Deploy {Cluster}"));
}
