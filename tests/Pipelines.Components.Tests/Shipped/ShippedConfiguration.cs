using Pipelines.Testing.Docker;

namespace Pipelines.Components.Tests.Shipped;

/// <summary>
/// The parameter files the repository ships are tested as a user runs them: every target of the sample plans with them, for
/// every profile (binding, conversions, unknown names, one meaning per parameter, required parameters), and a new user's
/// Rollback with the sample's own files reverts the newest bump instead of writing a parameter meant for Promote.
/// </summary>
public sealed class ShippedConfiguration
{
    public static TheoryData<string, string> TargetsAndProfiles()
    {
        var data = new TheoryData<string, string>();
        var targets = Pipelines.Planning.BuildDescription.FromType(SampleBuild.BuildType).Targets.Where(t => !t.Unlisted).Select(t => t.Name);
        foreach (var target in targets)
            foreach (var profile in SampleBuild.Profiles())
                data.Add(target, profile ?? "");
        return data;
    }

    [Theory]
    [MemberData(nameof(TargetsAndProfiles))]
    public async Task Every_target_of_the_sample_plans_with_its_shipped_parameter_files(string target, string profile)
    {
        using var sample = SampleBuild.CopyParameterFiles();

        var plan = await sample.RunAsync(profile.Length == 0 ? ["--plan", target] : ["--plan", target, "--profile", profile]);

        Assert.True(plan.ExitCode == 0, $"--plan {target} {profile}: exit {plan.ExitCode}\n{plan.Error}{plan.Output}");
        Assert.Equal("", plan.Error);
    }

    [Fact]
    public async Task The_sample_s_generated_ci_files_and_schema_are_what_its_build_generates()
    {
        using var sample = SampleBuild.CopyParameterFiles();

        var generate = await sample.RunAsync("--generate-ci");

        Assert.True(generate.ExitCode == 0, generate.Output + generate.Error);
        var written = generate.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)[1]).ToList();
        Assert.Contains(".nuke/build.schema.json", written);
        // A CI host refuses to run a build whose generated files are stale, so the shipped ones must be current.
        foreach (var file in written)
            Assert.True(File.ReadAllText(Path.Combine(SampleBuild.Source, file)) == File.ReadAllText(Path.Combine(sample.Root, file)),
                $"samples/gitops-app-demo/{file} is out of date with the sample's build: run samples/gitops-app-demo/build.sh --generate-ci");
    }

    [Fact]
    public async Task Rollback_with_the_sample_s_own_files_reverts_the_newest_bump()
    {
        using var sample = SampleBuild.CopyParameterFiles();
        // The local defaults: the config repo is a bare repository under artifacts/, scaffolded by InitConfigRepo.
        Assert.Equal(0, (await sample.RunAsync("InitConfigRepo")).ExitCode);
        foreach (var tag in new[] { "1111111", "2222222" })
        {
            var bump = await sample.RunAsync("BumpConfigRepo", "--image-tag", tag);
            Assert.True(bump.ExitCode == 0, bump.Output + bump.Error);
        }

        var rollback = await sample.RunAsync("Rollback");

        Assert.True(rollback.ExitCode == 0, rollback.Output + rollback.Error);
        var repo = Path.Combine(sample.Root, "artifacts", "config-repo.git");
        var subject = await ContainerParts.GitAsync(repo, "log", "-1", "--format=%s");
        Assert.Equal("rollback(gitops-app-demo): revert 2222222 [dev]", subject);
        Assert.Contains("newTag: \"1111111\"", await ContainerParts.GitAsync(repo, "show", "HEAD:clusters/dev/kustomization.yaml"));
        Assert.DoesNotContain("prod", await ContainerParts.GitAsync(repo, "log", "-1", "--format=%B"));
    }
}
