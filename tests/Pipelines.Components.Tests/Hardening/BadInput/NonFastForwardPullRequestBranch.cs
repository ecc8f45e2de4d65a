using Pipelines.Testing;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// A config repo whose server denies non-fast-forward updates, with a pull-request branch that does not descend from main:
/// the forced update of that branch can never land, so the bump must fail at once with one line naming the branch.
/// </summary>
[Collection(nameof(BadInputs))]
public sealed class NonFastForwardPullRequestBranch(BadInputScene scene)
{
    [Fact]
    public async Task Refused_forced_update_of_the_pull_request_branch_fails_once_and_names_it()
    {
        var before = await scene.SnapshotAsync();
        string[] args = ["BumpConfigRepo", "--config-repo", "{nff}", "--environment", "dev", "--image-repository", "{repo}", "--image-tag", "v2",
            "--verify-image", "false", "--github-token", BadInputScene.WriteToken, "--push-mode", "pull-request", "--github-url", "{github}",
            "--github-repository", "org/config"];
        var stdout = new StringWriter();
        var invocation = new BuildInvocation(args.Select(scene.Expand).ToArray(), InvocationEnvironment.Of(scene.BaseVariables), stdout, new StringWriter())
        {
            RootDirectory = scene.Root,
        };

        var exitCode = await PipelineBuild.ExecuteAsync<HardeningBuild>(invocation);

        Assert.Equal(1, exitCode);
        Assert.Contains(BadInputScene.DeployBranch, stdout.ToString().Split('\n').Single(l => l.Contains(" failed: ", StringComparison.Ordinal)));
        Assert.Equal(before, await scene.SnapshotAsync());
    }
}
