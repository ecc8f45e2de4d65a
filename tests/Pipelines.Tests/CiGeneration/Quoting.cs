using Pipelines.CiGeneration;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Values that YAML would read as something else come back from the generated workflow exactly as given.</summary>
public sealed class Quoting
{
    [GitHubActions("tricky",
        OnPushBranches = ["on", "yes", "1.0", "release/*", "*", "-x", "a: b", "it's", "@scope", "x #y", "null", "0x1F", "1e3"],
        OnPushPaths = ["!docs/**", "**/*.md", "[abc]", "{a,b}", "%x", "`x`", "tab\there", ">fold", "|lit"],
        OnSchedule = ["*/5 * * * *"],
        InvokedTargets = ["Ci"], DotNetVersion = "10.0",
        Concurrency = "deploy: ${{ github.ref }}")]
    private sealed class TrickyValues;

    [Fact]
    public void Tricky_strings_round_trip_through_the_workflow()
    {
        var yaml = CiFiles.Generate(SampleBuilds.Describe(typeof(TrickyValues))).Single().Content;
        var workflow = WorkflowJson.Parse(yaml)!;
        var push = workflow["on"]!["push"]!;
        var attribute = (GitHubActionsAttribute)Attribute.GetCustomAttribute(typeof(TrickyValues), typeof(GitHubActionsAttribute))!;

        Assert.Equal(attribute.OnPushBranches, push["branches"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Equal(attribute.OnPushPaths, push["paths"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Equal("*/5 * * * *", workflow["on"]!["schedule"]![0]!["cron"]!.GetValue<string>());
        Assert.Equal("deploy: ${{ github.ref }}", workflow["concurrency"]!["group"]!.GetValue<string>());
        Assert.Equal("10.0", workflow["jobs"]!["ci"]!["steps"]![1]!["with"]!["dotnet-version"]!.GetValue<string>());
        WorkflowSchema.AssertValid("tricky", yaml);
    }

    [Fact]
    public void Plain_values_stay_unquoted_so_the_file_reads_like_a_hand_written_one()
    {
        var yaml = GeneratedFiles.Generate("environment-gate")[0].Content;
        Assert.Contains("\non:\n", yaml, StringComparison.Ordinal);
        Assert.Contains("        run: ./build.sh Cd\n", yaml, StringComparison.Ordinal);
        Assert.Contains("          PIPELINES_CONFIG_REPO_TOKEN: ${{ secrets.CONFIG_REPO_TOKEN }}\n", yaml, StringComparison.Ordinal);
    }
}
