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

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    [InlineData("parameters.json")]
    public async Task The_user_info_of_a_URL_is_masked_wherever_the_URL_came_from(string source)
    {
        const string url = "https://deploy:" + Password + "@git.example.com/org/config.git";
        using var root = new TestRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke"));
        if (source == "parameters.json")
            File.WriteAllText(Path.Combine(root.Path, ".nuke", "parameters.json"), $$"""{ "remote-url": "{{url}}" }""");
        string[] args = source == "command line" ? ["Echo", "--remote-url", url] : ["Echo"];
        var result = await Run.Build<UrlSecretBuild>(args, source == "environment" ? Run.Env(("PIPELINES_REMOTE_URL", url)) : Run.Env(), root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Out + result.Error);
        Assert.Contains("remote is https://deploy:***@git.example.com/org/config.git", result.Out);
        Assert.Contains("password alone: ***", result.Out);
        Assert.Contains("tool says https://deploy:***@git.example.com/org/config.git and ***", result.Out);
    }

    [Theory]
    [InlineData("https://user:pa55word@host/x", "https://user:***@host/x")]
    [InlineData("clone https://ghp_0123456789abcdef@github.com/o/r.git failed", "clone https://***@github.com/o/r.git failed")]
    [InlineData("ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
    [InlineData("'http://a:b%40c@h:8080/'", "'http://a:***@h:8080/'")]
    [InlineData("mail someone@example.com", "mail someone@example.com")]
    public void A_URL_never_seen_before_is_masked_too(string text, string expected) =>
        Assert.Equal(expected, new Pipelines.Tooling.SecretMasker().Redact(text));
}
