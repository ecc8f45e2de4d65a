using Pipelines.Planning;
using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Dependencies
{
    [Fact]
    public async Task DependsOn_runs_dependencies_first()
    {
        var result = await Run.Build<OrderingBuild>(["Compile"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Prepare", "Restore", "Compile"], result.Ran);
    }

    [Fact]
    public async Task After_and_Before_order_without_pulling_targets_in()
    {
        var alone = await Run.Build<OrderingBuild>(["Lint"]);
        Assert.Equal(["Lint"], alone.Ran);

        var together = await Run.Build<OrderingBuild>(["Compile", "Lint"]);
        Assert.Equal(["Prepare", "Restore", "Lint", "Compile"], together.Ran);
    }

    [Fact]
    public async Task Triggers_and_TriggeredBy_run_after_their_trigger()
    {
        var result = await Run.Build<OrderingBuild>(["All"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Prepare", "Restore", "Compile", "Test", "Report", "Pack", "Announce"], result.Ran);
    }

    [Fact]
    public async Task The_order_is_the_same_whatever_order_targets_are_named_in()
    {
        var first = await Run.Build<OrderingBuild>(["Pack", "Test"]);
        var second = await Run.Build<OrderingBuild>(["Test", "Pack"]);

        Assert.Equal(first.Ran, second.Ran);
        Assert.True(first.Ran.ToList().IndexOf("Test") < first.Ran.ToList().IndexOf("Pack"));
    }

    [Fact]
    public async Task A_cycle_is_an_invocation_error_naming_the_cycle()
    {
        var result = await Run.Build<CyclicBuild>(["A"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: circular dependency between targets: A -> C -> B -> A; remove one of the DependsOn/After/Before/Triggers edges", result.ErrorLine);
    }

    [Fact]
    public async Task A_class_target_and_a_component_target_with_one_name_are_an_error_naming_both()
    {
        var result = await Run.Build<ClassAndComponentSameNameBuild>(["Deploy"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("target name 'Deploy' is declared twice: by ClassAndComponentSameNameBuild.Deploy and by IDeployComponent.Deploy", result.ErrorLine);
    }

    [Fact]
    public async Task Two_components_with_one_target_name_are_an_error_naming_both()
    {
        var result = await Run.Build<TwoComponentsSameNameBuild>(["Deploy"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("by IDeployComponent.Deploy and by IOtherDeployComponent.Deploy", result.ErrorLine);
    }

    [Fact]
    public async Task An_explicit_implementation_overrides_a_component_target()
    {
        var result = await Run.Build<OverridingBuild>(["Deploy"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["overridden Deploy"], result.Ran);
    }

    [Fact]
    public async Task Component_targets_are_found_and_generic_edges_resolve()
    {
        var result = await Run.Build<ComponentBuild>(["Publish"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Ran.Count);
        Assert.StartsWith("Compile", result.Ran[0]);
        Assert.StartsWith("Test", result.Ran[1]);
        Assert.Equal("Publish", result.Ran[2]);
    }

    [Fact]
    public void TryDependsOn_is_a_no_op_when_the_build_lacks_the_component()
    {
        var description = BuildDescription.FromType(typeof(ComponentBuild));

        var test = description.Targets.Single(t => t.Name == "Test");
        Assert.Equal(["Compile"], test.DependsOn);
        Assert.Equal(typeof(ITestComponent), test.DeclaringType);
    }

    [Fact]
    public async Task DependsOn_a_component_the_build_lacks_is_an_error_naming_it()
    {
        var result = await Run.Build<MissingComponentBuild>(["Publish"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DependsOn<IDeployComponent> but MissingComponentBuild does not implement IDeployComponent", result.ErrorLine);
    }

    [Fact]
    public void The_description_folds_reverse_edges_into_the_other_side()
    {
        var description = BuildDescription.FromType(typeof(OrderingBuild), ["Compile"]);

        Assert.Equal(["Prepare"], description.Targets.Single(t => t.Name == "Restore").DependsOn);
        Assert.Equal(["Restore", "Lint"], description.Targets.Single(t => t.Name == "Compile").DependsOn.Concat(description.Targets.Single(t => t.Name == "Compile").After));
        Assert.Equal(["Announce"], description.Targets.Single(t => t.Name == "Pack").Triggers);
        Assert.True(description.Targets.Single(t => t.Name == "Hidden").Unlisted);
        Assert.Equal(["Compile"], description.DefaultTargets);
    }

    [Fact]
    public async Task Plan_prints_the_order_and_the_graph_without_running()
    {
        var result = await Run.Build<OrderingBuild>(["--plan", "All"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Ran);
        Assert.Contains(" 1. Prepare", result.Out);
        Assert.Contains(" 7. Announce", result.Out);
        Assert.Contains(" 8. All       collective", result.Out);
        Assert.Contains("  Compile <- depends on Restore\n", result.Out);
        Assert.Contains("Announce <- triggered by Pack", result.Out);
    }
}
