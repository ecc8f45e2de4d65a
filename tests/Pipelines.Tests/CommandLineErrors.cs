using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class CommandLineErrors
{
    [Fact]
    public async Task An_unknown_target_exits_2_with_a_suggestion()
    {
        var result = await Run.Build<RunBuild>(["Compil"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown target 'Compil'; did you mean 'Compile'?; run with --help to list targets", result.ErrorLine);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task An_unknown_target_far_from_any_name_gets_no_suggestion()
    {
        var result = await Run.Build<RunBuild>(["NoSuchTarget"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown target 'NoSuchTarget'; run with --help to list targets", result.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_parameter_exits_2_with_a_suggestion()
    {
        var result = await Run.Build<ParameterBuild>(["Show", "--image-tga", "x"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown parameter '--image-tga'; did you mean '--image-tag'?; run with --help to list parameters", result.ErrorLine);
    }

    [Fact]
    public async Task A_bare_word_after_parameters_that_is_not_a_target_is_misplaced()
    {
        var result = await Run.Build<ParameterBuild>(["Show", "--verbose", "extra"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: misplaced argument 'extra' after --verbose:", result.ErrorLine);
    }

    [Fact]
    public async Task A_target_named_after_parameters_is_accepted()
    {
        var result = await Run.Build<RunBuild>(["--fail-compile", "false", "Restore"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore"], result.Ran);
    }

    [Fact]
    public async Task A_value_option_without_a_value_is_an_error()
    {
        var result = await Run.Build<ParameterBuild>(["Show", "--image-tag"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --image-tag needs a value: --image-tag <value>", result.ErrorLine);
    }

    [Fact]
    public async Task Target_and_option_names_are_case_insensitive()
    {
        var result = await Run.Build<ParameterBuild>(["show", "--ImageTag", "v1", "--RETRIES=4"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("value:ImageTag=v1\n", result.Out);
        Assert.Contains("value:Retries=4\n", result.Out);
    }

    [Fact]
    public async Task No_target_and_no_default_is_an_error_listing_the_targets()
    {
        var result = await Run.Build<RunBuild>([]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: no target given and the build has no default; name one of: Restore, Compile", result.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_host_lists_the_hosts()
    {
        var result = await Run.Build<RunBuild>(["Restore", "--host", "travis"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: invalid value 'travis' for --host (from --host): allowed values are Terminal, GitHubActions, Jenkins", result.ErrorLine);
    }
}
