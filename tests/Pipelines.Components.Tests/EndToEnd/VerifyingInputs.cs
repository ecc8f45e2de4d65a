using Pipelines.Testing.Git;
using static Pipelines.Components.Tests.EndToEnd.SampleConfigRepo;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Verify's and Promote's parameters through the engine: a bad duration, URL, path, status range or threshold is refused in
/// one line naming its parameter, exit 2, before any request; a promotion forced past the gate goes ahead and the summary
/// says it was unverified.
/// </summary>
public sealed class VerifyingInputs
{
    const string Unused = "http://127.0.0.1:9/healthz";

    [Theory]
    [InlineData("--verify-url", "ftp://app.example.cn/healthz", "--verify-url 'ftp://app.example.cn/healthz' is not an http or https URL")]
    [InlineData("--verify-url", "https://deploy:s3cret@app.example.cn/", "carries credentials, which a check never sends")]
    [InlineData("--verify-soak", "soon", "invalid value 'soon' for --verify-soak")]
    [InlineData("--verify-soak", "-00:00:05", "invalid value '-00:00:05' for --verify-soak")]
    [InlineData("--verify-soak", "8.00:00:00", "--verify-soak 8.00:00:00 is longer than a week")]
    [InlineData("--verify-interval", "00:00:00", "--verify-interval 00:00:00 is not a positive duration")]
    [InlineData("--verify-status", "200-abc", "--verify-status")]
    [InlineData("--verify-prometheus-max", "lots", "--verify-prometheus-max 'lots' is not a number")]
    public async Task A_bad_verify_parameter_is_refused_in_one_line_with_exit_2(string parameter, string value, string expected)
    {
        using var app = await SampleAppRepository.CreateAsync();
        string[] url = parameter == "--verify-url" ? [] : ["--verify-url", Unused];
        string[] query = parameter.StartsWith("--verify-prometheus", StringComparison.Ordinal)
            ? ["--verify-prometheus-query", "max(app_error_ratio)", "--verify-prometheus-url", "http://127.0.0.1:9/"]
            : [];

        var run = await VerifyingBuild.RunAsync(app.Root, ["Verify", "--image-repository", Repository, "--image-tag", "5d6e7f8", .. url, .. query, parameter, value]);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("s3cret", run.Output + run.Error);
    }

    [Theory]
    [InlineData("/../secrets", "has a '.' or '..' segment")]
    [InlineData("healthz", "is not an absolute path")]
    public async Task A_path_that_would_leave_the_service_proxy_is_refused_with_exit_2(string path, string expected)
    {
        using var app = await SampleAppRepository.CreateAsync();
        var kubeconfig = Path.Combine(app.Root, "kubeconfig");
        // Never contacted: the path is refused first.
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: shop}}]
            current-context: x
            """);

        var run = await VerifyingBuild.RunAsync(app.Root, "Verify", "--image-repository", Repository, "--image-tag", "5d6e7f8", "--kubeconfig", kubeconfig,
            "--verify-service", "shop/web:http", "--verify-path", path);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Contains($"--verify-path '{path}' {expected}", Assert.Single(run.Error.Trim().Split('\n')));
    }

    [Fact]
    public async Task A_negative_required_soak_is_refused_with_exit_2()
    {
        using var app = await SampleAppRepository.CreateAsync();

        var run = await VerifyingBuild.RunAsync(app.Root, "Promote", "--config-repo", Path.Combine(app.Root, "config"), "--image-repository", Repository,
            "--from", "dev", "--to", "prod", "--required-soak", "-00:05:00");

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Contains("invalid value '-00:05:00' for --required-soak", Assert.Single(run.Error.Trim().Split('\n')));
    }

    [Fact]
    public async Task A_promotion_forced_past_the_gate_goes_ahead_and_the_summary_says_it_was_unverified()
    {
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var configRepo = await SampleConfigRepo.CreateAsync(git, app.Root, VerifyingBuild.RunAsync);
        await SampleConfigRepo.BumpAsync(app.Root, VerifyingBuild.RunAsync, configRepo, "5d6e7f8");
        string[] promote = ["Promote", "--config-repo", configRepo, "--image-repository", Repository, "--from", "dev", "--to", "prod", "--required-soak", "00:05:00"];

        var refused = await VerifyingBuild.RunAsync(app.Root, promote);
        var forced = await VerifyingBuild.RunAsync(app.Root, [.. promote, "--force-unverified"]);

        Assert.True(refused.ExitCode == 1, refused.Output + refused.Error);
        Assert.True(forced.ExitCode == 0, forced.Output + forced.Error);
        Assert.Matches(@"Promote +Succeeded .*promoted UNVERIFIED with --force-unverified: dev showed no passing verification of 00:05:00 \(no verification of it was recorded", forced.Output);
        Assert.Contains("clusters/prod/", await git.GitAsync("config", "grep", "-l", "5d6e7f8", "main", "--", "clusters/prod"));
    }
}
