using Pipelines.Tests.Builds;
using Pipelines.Tests.Support;

namespace Pipelines.Tests;

public class Secrets
{
    const string Password = "hunter2-very-secret";

    [Theory]
    [InlineData("Terminal")]
    [InlineData("Jenkins")]
    [InlineData("GitHubActions")]
    public async Task A_secret_from_the_environment_never_reaches_stdout_or_stderr(string host)
    {
        using var root = new TestRoot();
        var summary = Path.Combine(root.Path, "step-summary.md");
        var result = await Run.Build<SecretBuild>(["Leak", "--host", host],
            Run.Env(("PIPELINES_REGISTRY_PASSWORD", Password), ("GITHUB_STEP_SUMMARY", summary)), root.Path);

        Assert.Equal(1, result.ExitCode); // the second tool call fails, and its error message names the command
        var everything = host == "GitHubActions"
            ? string.Join("\n", result.Out.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))) + result.Error
            : result.Out + result.Error;
        Assert.DoesNotContain("hunter2", everything);
        Assert.Contains("password is ***", result.Out);
        Assert.Contains("split: ***", result.Out);
        Assert.Contains("child says ***", result.Out);
        Assert.Contains("child err ***", result.Out);
        Assert.Contains("logged in with ***", result.Out);
        Assert.Contains("failing with ***", result.Out);
        if (host == "GitHubActions")
        {
            Assert.Contains($"::add-mask::{Password}\n", result.Out);
            Assert.DoesNotContain("hunter2", File.ReadAllText(summary));
        }
    }

    [Fact]
    public async Task A_secret_in_an_invalid_invocation_is_masked_too()
    {
        var result = await Run.Build<SecretBuild>(["Leak", "--registry-password", Password, Password]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Error);
    }
}
