using System.Text.Json;
using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class RunningTargets
{
    [Fact]
    public async Task A_successful_run_exits_0_and_summarises_every_target()
    {
        var result = await Run.Build<RunBuild>(["Ci"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test", "Clean"], result.Ran);
        Assert.Matches(@"Restore\s+Succeeded\s+\d\d:\d\d\.\d{3}\s+3 packages", result.Out);
        Assert.Matches(@"Compile\s+Succeeded\s+\d\d:\d\d\.\d{3}\s+used 3 packages", result.Out);
        Assert.Matches(@"Ci\s+Collective", result.Out);
        Assert.Matches(@"Total\s+\d\d:\d\d\.\d{3}", result.Out);
        Assert.EndsWith("Build succeeded.\n", result.Out);
    }

    [Fact]
    public async Task A_failed_target_exits_1_leaves_dependents_not_run_and_still_runs_assured_targets()
    {
        var result = await Run.Build<RunBuild>(["Ci", "--fail-compile"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Clean"], result.Ran);
        Assert.Contains("Target Compile failed: compilation failed: 2 errors; see the log above\n", result.Out);
        Assert.DoesNotContain("   at ", result.Out); // a TargetFailedException is one line, no stack trace
        Assert.Matches(@"Compile\s+Failed", result.Out);
        Assert.Matches(@"Test\s+NotRun", result.Out);
        Assert.Matches(@"Clean\s+Succeeded", result.Out);
        Assert.EndsWith("Build failed.\n", result.Out);
    }

    [Fact]
    public async Task ProceedAfterFailure_lets_independent_targets_run()
    {
        var result = await Run.Build<RunBuild>(["Lint", "Docs"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Lint", "Docs"], result.Ran);
        // Unexpected: one line on the console, the stack trace in a log file under artifacts/logs.
        var line = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("Target Lint failed: ", StringComparison.Ordinal));
        Assert.Matches(@"^Target Lint failed: unexpected InvalidOperationException: lint exploded; details in artifacts/logs/Lint-\S+\.log$", line);
        Assert.DoesNotContain("   at ", result.Out);
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_and_its_stack_trace_goes_to_a_log_file()
    {
        using var root = new TestRoot();

        var result = await Run.Build<RunBuild>(["Lint"], root: root.Path);

        var line = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("Target Lint failed: ", StringComparison.Ordinal));
        var log = Path.Combine(root.Path, line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..]);
        Assert.Contains("System.InvalidOperationException: lint exploded", File.ReadAllText(log));
        Assert.Contains("   at ", File.ReadAllText(log));
        Assert.DoesNotContain("   at ", result.Out + result.Error);
    }

    [Fact]
    public async Task A_bad_input_found_by_a_running_target_exits_2_with_one_line()
    {
        var result = await Run.Build<RunBuild>(["Tag"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --image-tag 'latest' is refused: tags must be immutable; pass a commit SHA", result.ErrorLine);
        Assert.Matches(@"Tag\s+Failed", result.Out);
    }

    [Fact]
    public async Task A_failure_under_parallel_stops_dependents_and_still_runs_assured_targets()
    {
        var result = await Run.Build<RunBuild>(["Ci", "--fail-compile", "--parallel"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Clean"], result.Ran);
        Assert.Matches(@"Test\s+NotRun", result.Out);
    }

    [Fact]
    public async Task Outputs_are_persisted_as_json_under_artifacts_outputs()
    {
        using var root = new TestRoot();

        await Run.Build<RunBuild>(["Restore"], root: root.Path);

        var json = File.ReadAllText(Path.Combine(root.Path, "artifacts", "outputs", "restored.json"));
        Assert.Equal(new RestoreResult("abc", 3), JsonSerializer.Deserialize<RestoreResult>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        // A later run (another CI job) reads it without running Restore.
        var later = await Run.Build<RunBuild>(["Compile", "--skip", "Restore"], root: root.Path);
        Assert.Matches(@"Compile\s+Succeeded\s+\S+\s+used 3 packages", later.Out);
    }

    [Fact]
    public async Task Parallel_runs_every_target_and_prints_each_output_whole()
    {
        var result = await Run.Build<RunBuild>(["Ci", "Docs", "--parallel"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Ran.Count);
        Assert.True(result.Ran.ToList().IndexOf("Compile") > result.Ran.ToList().IndexOf("Restore"));
        Assert.True(result.Ran.ToList().IndexOf("Clean") > result.Ran.ToList().IndexOf("Test"));
        foreach (var name in new[] { "Restore", "Compile", "Test", "Docs", "Clean" })
            Assert.Contains($"═══ {name} ═══\nran:{name}\n", result.Out);
    }

    [Fact]
    public async Task Tool_output_lands_in_its_own_target_section_under_parallel()
    {
        var result = await Run.Build<ToolBuild>(["All", "--parallel"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            var header = $"═══ {name} ═══\n";
            var section = result.Out[(result.Out.IndexOf(header, StringComparison.Ordinal) + header.Length)..];
            section = section[..(section.IndexOf("═══ ", StringComparison.Ordinal) is var end and >= 0 ? end : section.Length)];
            Assert.Contains($"tool-out-{name}\n", section);
            Assert.Contains($"tool-err-{name}\n", section);
        }
    }

    [Fact]
    public async Task Default_targets_run_when_none_is_named()
    {
        var result = await Run.Build<RunBuild>([], defaults: x => x.Compile);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile"], result.Ran);
    }

    [Fact]
    public async Task Help_lists_targets_with_descriptions_and_dependencies_and_parameters_with_their_sources()
    {
        var result = await Run.Build<ParameterBuild>(["--help"]);
        var targets = await Run.Build<RunBuild>(["--help"], defaults: x => x.Ci);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  --configuration <Debug|Release>  Build configuration\n      default: Debug\n      from: --configuration, env PIPELINES_CONFIGURATION, .nuke/parameters[.<profile>].json \"Configuration\"\n", result.Out);
        Assert.Contains("  --aws-region <string>  AWS region\n      from: --aws-region, env PIPELINES_AWS_REGION or AWS_REGION,", result.Out);
        Assert.Contains("  --deploy-token <string> (secret)  Deploy token\n", result.Out);
        Assert.Contains("  --timeout <duration>  Rollout timeout\n", result.Out);
        Assert.Contains("  --retries <int>  Retry count\n      default: 3\n", result.Out);
        Assert.Contains("  Compile       Compile everything\n                  depends on: Restore\n", targets.Out);
        Assert.Contains("  Ci (default)  Everything CI runs\n", targets.Out);
        Assert.Contains("  --plan", targets.Out);
    }

    [Fact]
    public async Task Help_hides_unlisted_targets()
    {
        var result = await Run.Build<OrderingBuild>(["--help"]);

        Assert.Contains("  Restore", result.Out);
        Assert.DoesNotContain("Hidden", result.Out);
    }
}
