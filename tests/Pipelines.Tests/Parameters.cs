using System.Text.Json;
using Json.Schema;
using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Parameters
{
    static string Value(BuildResult result, string name) =>
        result.Out.Split('\n').Single(l => l.StartsWith($"value:{name}=", StringComparison.Ordinal))[$"value:{name}=".Length..];

    [Fact]
    public async Task Values_convert_to_every_supported_type()
    {
        var result = await Run.Build<ParameterBuild>(["Show", "--configuration", "release", "--image-tag", "abc123", "--retries", "5",
            "--timeout", "1m30s", "--registry", "https://registry.example/v2", "--paths", "src", "tests", "--verbose"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Release", Value(result, "Configuration"));
        Assert.Equal("abc123", Value(result, "ImageTag"));
        Assert.Equal("5", Value(result, "Retries"));
        Assert.Equal("00:01:30", Value(result, "Timeout"));
        Assert.Equal("https://registry.example/v2", Value(result, "Registry"));
        Assert.Equal("src|tests", Value(result, "Paths"));
        Assert.Equal("True", Value(result, "Verbose"));
    }

    [Fact]
    public async Task Defaults_stay_when_nothing_is_given()
    {
        var result = await Run.Build<ParameterBuild>(["Show"]);

        Assert.Equal("Debug", Value(result, "Configuration"));
        Assert.Equal("3", Value(result, "Retries"));
        Assert.Equal("", Value(result, "ImageTag"));
    }

    [Fact]
    public async Task Command_line_beats_environment_beats_profile_beats_parameters_json()
    {
        using var root = new TestRoot();
        root.WriteParameters("""{ "$schema": "./build.schema.json", "ImageTag": "from-json", "Retries": 1, "Paths": ["a", "b"] }""");
        root.WriteParameters("""{ "image-tag": "from-profile", "Retries": 2 }""", "ci");
        var env = Run.Env(("PIPELINES_IMAGE_TAG", "from-env"));

        Assert.Equal("from-json", Value(await Run.Build<ParameterBuild>(["Show"], root: root.Path), "ImageTag"));
        Assert.Equal("a|b", Value(await Run.Build<ParameterBuild>(["Show"], root: root.Path), "Paths"));
        var profiled = await Run.Build<ParameterBuild>(["Show", "--profile", "ci"], root: root.Path);
        Assert.Equal("from-profile", Value(profiled, "ImageTag"));
        Assert.Equal("2", Value(profiled, "Retries"));
        Assert.Equal("from-env", Value(await Run.Build<ParameterBuild>(["Show", "--profile", "ci"], env, root.Path), "ImageTag"));
        Assert.Equal("from-cli", Value(await Run.Build<ParameterBuild>(["Show", "--profile", "ci", "--image-tag", "from-cli"], env, root.Path), "ImageTag"));
        Assert.Equal("from-profile", Value(await Run.Build<ParameterBuild>(["Show"], Run.Env(("PIPELINES_PROFILE", "ci")), root.Path), "ImageTag"));
    }

    [Fact]
    public async Task The_declared_environment_variable_binds_and_the_conventional_one_wins()
    {
        var declared = await Run.Build<ParameterBuild>(["Show"], Run.Env(("AWS_REGION", "cn-north-1")));
        Assert.Equal("cn-north-1", Value(declared, "AwsRegion"));

        var both = await Run.Build<ParameterBuild>(["Show"], Run.Env(("AWS_REGION", "cn-north-1"), ("PIPELINES_AWS_REGION", "cn-northwest-1")));
        Assert.Equal("cn-northwest-1", Value(both, "AwsRegion"));
    }

    [Fact]
    public async Task An_empty_variable_counts_as_unset_so_parameters_json_still_applies()
    {
        using var root = new TestRoot();
        root.WriteParameters("""{ "ImageTag": "from-json" }""");

        var result = await Run.Build<ParameterBuild>(["Show"], Run.Env(("PIPELINES_IMAGE_TAG", ""), ("PIPELINES_CONFIGURATION", "")), root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from-json", Value(result, "ImageTag"));
        Assert.Equal("Debug", Value(result, "Configuration"));
    }

    [Fact]
    public async Task Stray_variables_such_as_HOST_and_CONFIGURATION_never_bind()
    {
        var result = await Run.Build<ParameterBuild>(["Show"], Run.Env(("HOST", "jenkins"), ("CONFIGURATION", "Release"), ("IMAGE_TAG", "x"), ("Host", "Jenkins")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", Value(result, "Host"));
        Assert.Equal("Terminal", Value(result, "HostKind"));
        Assert.Equal("Debug", Value(result, "Configuration"));
        Assert.Equal("", Value(result, "ImageTag"));
    }

    [Fact]
    public async Task Engine_options_bind_from_PIPELINES_variables_only()
    {
        var result = await Run.Build<ParameterBuild>(["Show"], Run.Env(("PIPELINES_HOST", "Jenkins")));

        Assert.Equal("Jenkins", Value(result, "HostKind"));
        Assert.Equal("", Value(result, "Host"));
    }

    [Fact]
    public async Task A_parameter_may_not_take_an_engine_option_name()
    {
        var result = await Run.Build<ReservedNameBuild>(["Show"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: parameter ReservedNameBuild.Plan would be --plan, which the engine reserves; give it another name with [Parameter(Name = \"...\")]", result.ErrorLine);
    }

    [Theory]
    [InlineData("--retries", "many", "error: invalid value 'many' for --retries (from --retries): allowed values are whole numbers from -2147483648 to 2147483647")]
    [InlineData("--configuration", "Relase", "error: invalid value 'Relase' for --configuration (from --configuration): allowed values are Debug, Release")]
    [InlineData("--timeout", "soon", "error: invalid value 'soon' for --timeout (from --timeout): allowed values are durations such as 90s, 10m, 1h30m or 00:10:00")]
    [InlineData("--registry", "registry", "error: invalid value 'registry' for --registry (from --registry): allowed values are absolute URIs such as https://example.com/path")]
    [InlineData("--verbose", "--retries=x", "error: invalid value 'x' for --retries (from --retries=x): allowed values are whole numbers from -2147483648 to 2147483647")]
    public async Task An_invalid_value_names_the_parameter_the_value_and_the_allowed_values(string option, string value, string error)
    {
        var result = await Run.Build<ParameterBuild>(["Show", option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLine);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task An_invalid_value_from_the_environment_names_the_variable()
    {
        var result = await Run.Build<ParameterBuild>(["Show"], Run.Env(("PIPELINES_CONFIGURATION", "Fast")));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: invalid value 'Fast' for --configuration (from PIPELINES_CONFIGURATION): allowed values are Debug, Release", result.ErrorLine);
    }

    [Fact]
    public async Task A_missing_profile_lists_the_available_ones()
    {
        using var root = new TestRoot();
        root.WriteParameters("{}", "ci");

        var result = await Run.Build<ParameterBuild>(["Show", "--profile", "prod"], root: root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: profile 'prod' has no file .nuke/parameters.prod.json; available profiles: ci", result.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_name_in_parameters_json_suggests_the_closest()
    {
        using var root = new TestRoot();
        root.WriteParameters("""{ "ImageTg": "x" }""");

        var result = await Run.Build<ParameterBuild>(["Show"], root: root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown parameter 'ImageTg' in .nuke/parameters.json; did you mean 'ImageTag'?; remove it or fix its name", result.ErrorLine);
    }

    [Fact]
    public async Task Component_parameters_are_read_through_their_default_getters()
    {
        var defaults = await Run.Build<ComponentBuild>(["Test"]);
        Assert.Equal(["Compile Debug", "Test  00:10:00"], defaults.Ran);

        var given = await Run.Build<ComponentBuild>(["Test", "--test-filter", "Unit", "--test-timeout", "2m", "--retries", "2",
            "--coverage", "--categories", "a,b", "--configuration", "Release"]);
        Assert.Equal(["Compile Release", "Test Unit 00:02:00 2 True a,b"], given.Ran);
    }

    [Fact]
    public async Task Two_components_that_mean_different_things_by_one_name_are_refused()
    {
        var result = await Run.Build<TwoMeaningsBuild>(["Rollback", "--to", "prod"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: parameter --to means two things: \"The environment that receives the image\" (IPromoteComponent.To) "
            + "and \"The earlier tag to go back to\" (IRollbackComponent.To); give one of them another name with [Parameter(Name = \"...\")]", result.ErrorLine);
        Assert.Empty(result.Ran);
    }

    [Fact]
    public async Task The_schema_is_generated_with_stable_bytes_and_validates_parameters_json()
    {
        using var root = new TestRoot();
        var first = await Run.Build<ParameterBuild>(["--generate-schema"], root: root.Path);
        var path = Path.Combine(root.Path, ".nuke", "build.schema.json");
        var bytes = File.ReadAllBytes(path);
        var second = await Run.Build<ParameterBuild>(["--generate-schema"], root: root.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("wrote .nuke/build.schema.json\n", first.Out);
        Assert.Equal("unchanged .nuke/build.schema.json\n", second.Out);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.DoesNotContain((byte)'\r', bytes);

        var schema = JsonSchema.FromText(File.ReadAllText(path));
        using var good = JsonDocument.Parse("""{ "$schema": "./build.schema.json", "Configuration": "Release", "Retries": 2, "Paths": ["a"], "Timeout": "10m" }""");
        using var bad = JsonDocument.Parse("""{ "Configuration": "Fast", "Retries": "two", "ImageTg": "x" }""");
        Assert.True(schema.Evaluate(good.RootElement).IsValid);
        Assert.False(schema.Evaluate(bad.RootElement).IsValid);
    }
}

public interface IPromoteComponent : IPipelineBuild
{
    [Parameter("The environment that receives the image")]
    string? To => TryGetValue(() => To);

    Target Promote => _ => _.Executes(() => Log.WriteLine($"ran:Promote {To}"));
}

public interface IRollbackComponent : IPipelineBuild
{
    [Parameter("The earlier tag to go back to")]
    string? To => TryGetValue(() => To);

    Target Rollback => _ => _.Executes(() => Log.WriteLine($"ran:Rollback {To}"));
}

/// <summary>Two components mean different things by --to: one value would serve both.</summary>
public sealed class TwoMeaningsBuild : PipelineBuild, IPromoteComponent, IRollbackComponent;

public sealed class ReservedNameBuild : PipelineBuild
{
    [Parameter("Deployment plan")]
    readonly string? Plan;

    Target Show => _ => _.Executes(() => Log.WriteLine(Plan));
}
