namespace Pipelines.Components.Tests.Containers;

/// <summary>Ci's <c>--push-to</c> picks the push target the build composes, and a choice it does not compose fails in one line.</summary>
public sealed class ChoosingThePush
{
    [Fact]
    public async Task A_destination_whose_push_target_is_not_composed_fails_in_one_line_naming_the_others()
    {
        var root = Directory.CreateTempSubdirectory("pipelines-push-to-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        try
        {
            // SmokeTestBuild composes PushImage only; its ECR step runs alone, with no dependency to pull in.
            var run = await SmokeTestBuild.RunAsync(root, [], "PushToEcr", "--push-to", "Ecr");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("--push-to Ecr, but the build does not compose IPushEcr; add it to the Build class or pass --push-to Local|Registry", run.Output + run.Error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Another_destination_skips_the_push_target()
    {
        var root = Directory.CreateTempSubdirectory("pipelines-push-to-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        try
        {
            var plan = await SmokeTestBuild.RunAsync(root, [], "--plan", "Ci", "--push-to", "Local");

            Assert.True(plan.ExitCode == 0, plan.Output + plan.Error);
            Assert.Matches(@"(?m)^\s*\d+\. PushImage\s+skip", plan.Output);
            Assert.Contains("condition false: --push-to Registry", plan.Output);
            Assert.Matches(@"(?m)^\s*\d+\. Ci\s+run", plan.Output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
