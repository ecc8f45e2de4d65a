using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Skipping
{
    [Fact]
    public async Task Skip_with_names_skips_those_targets_only()
    {
        var result = await Run.Build<OrderingBuild>(["Compile", "--skip", "Restore"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Prepare", "Compile"], result.Ran);
        Assert.Matches(@"Restore\s+Skipped \(--skip\)", result.Out);
    }

    [Fact]
    public async Task Bare_skip_skips_every_target_not_named()
    {
        var result = await Run.Build<OrderingBuild>(["Compile", "--skip"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile"], result.Ran);
    }

    [Fact]
    public async Task Skip_from_the_environment_works_like_the_option()
    {
        var result = await Run.Build<OrderingBuild>(["Compile"], Run.Env(("PIPELINES_SKIP", "Restore,Prepare")));

        Assert.Equal(["Compile"], result.Ran);
    }

    [Fact]
    public async Task Skipping_an_unknown_target_suggests_the_closest()
    {
        var result = await Run.Build<OrderingBuild>(["Compile", "--skip", "Restor"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown target 'Restor' in --skip; did you mean 'Restore'?", result.ErrorLine);
    }

    [Fact]
    public async Task A_false_static_condition_skips_the_target_and_the_dependencies_only_it_needs()
    {
        var result = await Run.Build<ConditionBuild>(["Everything"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile"], result.Ran); // Sign is needed only by Push; Upload's dynamic condition is false
        Assert.Matches(@"Push\s+Skipped \(condition false: Publish\)", result.Out);
        Assert.Matches(@"Sign\s+Skipped \(only needed by skipped Push\)", result.Out);
        Assert.Matches(@"Upload\s+Skipped \(condition false: _compiled && FeedKey != null\)", result.Out);
    }

    [Fact]
    public async Task A_true_static_condition_runs_the_target()
    {
        var result = await Run.Build<ConditionBuild>(["Push", "--publish"]);

        Assert.Equal(["Restore", "Compile", "Sign", "Push"], result.Ran);
    }

    [Fact]
    public async Task A_dynamic_condition_is_evaluated_after_the_dependencies_ran()
    {
        var result = await Run.Build<ConditionBuild>(["Upload", "--feed-key", "key-1234"]);

        Assert.Equal(["Restore", "Compile", "Upload"], result.Ran);
    }

    [Fact]
    public async Task The_plan_shows_static_skips_with_the_condition_text()
    {
        var result = await Run.Build<ConditionBuild>(["--plan", "Push"]);

        Assert.Contains("Push     skip: condition false: Publish", result.Out);
    }

    [Fact]
    public async Task A_target_can_skip_itself_while_it_runs_and_its_dependents_still_run()
    {
        var result = await Run.Build<SelfSkippingBuild>(["Push"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Probe", "Push"], result.Ran);
        Assert.Contains("Skipping Probe: not smoke-tested\n", result.Out);
        Assert.Matches(@"Probe\s+Skipped \(not smoke-tested\)\s+no engine at unix:///nowhere.sock", result.Out);
    }

    [Fact]
    public async Task A_target_that_skips_itself_on_GitHub_closes_its_log_group()
    {
        var result = await Run.Build<SelfSkippingBuild>(["Push", "--host", "GitHubActions"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("::group::Probe\nran:Probe\nSkipping Probe: not smoke-tested\n::endgroup::\n", result.Out);
    }
}
