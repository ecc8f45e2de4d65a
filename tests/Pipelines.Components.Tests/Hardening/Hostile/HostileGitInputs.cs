using System.Diagnostics;
using Pipelines.Components.Tests.Hardening.BadInput;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// Hostile git inputs through the whole engine: transports that would run commands (with a user config that allows every
/// transport), branch names git refuses, peers that accept and never answer (or never complete the connect), and URLs
/// carrying passwords on the command line, in the environment and in parameters.json. Each case: the exit code, one error
/// line naming the parameter, both remotes unchanged, no secret in any output, no command run, no git process left, and
/// the run finished within its bound.
/// </summary>
[Collection(nameof(HostileGit))]
public sealed class HostileGitInputs(HostileGitScene scene, ITestOutputHelper output)
{
    const string Password = "pw-Hostile-9f3c1a77e2";
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(12);

    public static TheoryData<HostileGitCase> Cases => new(
    [
        new("protocols", "ext-url-with-permissive-user-config", 2, "--config-repo", "transport git is not allowed")
            { Args = (s, _) => ["--config-repo", $"ext::sh -c touch% {s.Marker}"] },
        new("protocols", "remote-helper-url", 2, "--config-repo", "transport git is not allowed")
            { Args = (_, _) => ["--config-repo", "evil::config"] },
        new("protocols", "fd-url", 2, "--config-repo", "transport git is not allowed")
            { Args = (_, _) => ["--config-repo", "fd::3"] },
        new("protocols", "url-read-as-an-option", 2, "--config-repo", "is not a git URL")
            { Args = (s, _) => [$"--config-repo=--upload-pack=touch {s.Marker}"] },

        new("refs", "double-dot", 2, "--config-branch 'main..x' is not a valid branch name")
            { Args = (s, _) => ["--config-repo", s.GitUrl, "--config-branch", "main..x"] },
        new("refs", "leading-dash", 2, "--config-branch '-x' is not a valid branch name")
            { Args = (s, _) => ["--config-repo", s.GitUrl, "--config-branch=-x"] },
        new("refs", "lock-suffix", 2, "--config-branch 'main.lock' is not a valid branch name")
            { Args = (s, _) => ["--config-repo", s.GitUrl, "--config-branch", "main.lock"] },
        new("refs", "reflog-syntax", 2, "--config-branch '@{-1}' is not a valid branch name")
            { Args = (s, _) => ["--config-repo", s.GitUrl, "--config-branch", "@{-1}"] },

        new("bounds", "git-daemon-accepts-and-never-answers", 1, "--config-repo", "did not answer within 00:00:02", "--git-timeout")
            { Args = (_, p) => ["--config-repo", $"git://127.0.0.1:{p.Accepting.Port}/config.git", "--git-timeout", "00:00:02"], Bound = TimeSpan.FromSeconds(2) },
        new("bounds", "http-server-accepts-and-never-answers", 1, "--config-repo", "did not answer within 00:00:02", "--git-timeout")
            { Args = (_, p) => ["--config-repo", $"http://127.0.0.1:{p.Accepting.Port}/config.git", "--git-timeout", "00:00:02"], Bound = TimeSpan.FromSeconds(2) },
        new("bounds", "http-connect-never-completes", 1, "--config-repo", "did not answer within 00:00:10", "--git-timeout")
            { Args = (_, p) => ["--config-repo", $"http://127.0.0.1:{p.Unaccepting.Port}/config.git", "--git-timeout", "00:00:01"], Bound = TimeSpan.FromSeconds(10) },
        new("bounds", "ssh-server-accepts-and-never-answers", 1, "--config-repo", "did not answer within 00:00:02", "--git-timeout")
            { Args = (_, p) => ["--config-repo", $"ssh://git@127.0.0.1:{p.Accepting.Port}/config.git", "--git-timeout", "00:00:02"], Bound = TimeSpan.FromSeconds(2) },
        new("bounds", "ssh-connect-never-completes", 1, "--config-repo", "did not answer within 00:00:02", "--git-timeout")
            { Args = (_, p) => ["--config-repo", $"ssh://git@127.0.0.1:{p.Unaccepting.Port}/config.git", "--git-timeout", "00:00:02"], Bound = TimeSpan.FromSeconds(2) },

        new("credentials", "password-in-url-on-the-command-line", 1, "--config-repo", "could not be cloned", "x-access-token:***@")
            { Args = (s, _) => ["--config-repo", s.HttpUrl("x-access-token:" + Password)], Secrets = [Password] },
        new("credentials", "password-in-url-in-the-environment", 1, "--config-repo", "could not be cloned", "x-access-token:***@")
            { Args = (_, _) => [], Variables = (s, _) => [("PIPELINES_CONFIG_REPO", s.HttpUrl("x-access-token:" + Password))], Secrets = [Password] },
        new("credentials", "password-in-url-in-parameters-json", 1, "--config-repo", "could not be cloned", "x-access-token:***@")
            { Args = (_, _) => [], ParametersJson = (s, _) => $$"""{ "config-repo": "{{s.HttpUrl("x-access-token:" + Password)}}" }""", Secrets = [Password] },
        new("credentials", "token-as-url-user-with-an-unreachable-server", 1, "--config-repo", "did not answer within", "http://***@")
            { Args = (_, p) => ["--config-repo", $"http://{Password}@127.0.0.1:{p.Accepting.Port}/config.git", "--git-timeout", "00:00:02"], Secrets = [Password], Bound = TimeSpan.FromSeconds(2) },
        new("credentials", "read-only-token-in-url-pushing", 1, "--config-repo", "refused the push", "x-access-token:***@")
            { Args = (s, _) => ["--config-repo", s.HttpUrl("x-access-token:" + HostileGitScene.ReadToken)], Secrets = [HostileGitScene.ReadToken] },
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_git_input_is_handled_in_one_line_within_its_bound(HostileGitCase @case)
    {
        var handled = false;
        var watch = Stopwatch.StartNew();
        try
        {
            await RunCaseAsync(@case, watch);
            handled = true;
        }
        finally
        {
            HardeningFigures.Record(output, "hostile", $"{@case.Class}/{@case.Name}", ("tried", 1), ("handled", handled ? 1 : 0),
                ("seconds", Math.Round(watch.Elapsed.TotalSeconds, 2)));
        }
    }

    async Task RunCaseAsync(HostileGitCase @case, Stopwatch watch)
    {
        using var peers = new HostileGitPeers();
        var before = await scene.SnapshotAsync();
        var parameters = Path.Combine(scene.Root, ".nuke", "parameters.json");
        File.Delete(parameters);
        if (@case.ParametersJson is { } json)
            await File.WriteAllTextAsync(parameters, json(scene, peers));
        string[] args = ["BumpConfigRepo", "--config-path", "clusters/dev", "--image-repository", "registry.example/app", "--image-tag", "def5678",
            "--verify-image", "false", .. @case.Args(scene, peers)];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        watch.Restart();
        var exitCode = await PipelineBuild.ExecuteAsync<HardeningBuild>(
            new BuildInvocation(args, scene.Environment(@case.Variables(scene, peers)), stdout, stderr) { RootDirectory = scene.Root });
        var elapsed = watch.Elapsed;
        var (outText, errText) = (stdout.ToString(), stderr.ToString());
        var transcript = $"\n--- {string.Join(' ', args)}\n--- exit {exitCode} after {elapsed}\n--- stdout:\n{outText}--- stderr:\n{errText}";

        Assert.True(exitCode == @case.ExitCode, $"expected exit {@case.ExitCode}{transcript}");
        // The error a user reads: stderr's "error:" line (bad input), or a failed target's "Target X failed:" line.
        var errorLines = errText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Concat(outText.Split('\n').Where(l => l.StartsWith("Target ", StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal)))
            .ToList();
        Assert.True(errText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, "stderr has more than one line" + transcript);
        Assert.True(errorLines.Count >= 1, "no error line" + transcript);
        foreach (var expected in @case.Expect)
            Assert.True(errorLines[0].Contains(expected, StringComparison.Ordinal), $"the error line lacks '{expected}'{transcript}");
        Assert.False(outText.Contains("\n   at ", StringComparison.Ordinal), "a stack trace was printed" + transcript);
        foreach (var secret in @case.Secrets)
        {
            Assert.False(outText.Contains(secret, StringComparison.Ordinal) || errText.Contains(secret, StringComparison.Ordinal), "a secret was printed" + transcript);
            foreach (var log in Directory.Exists(Path.Combine(scene.Root, "artifacts")) ? Directory.GetFiles(Path.Combine(scene.Root, "artifacts"), "*", SearchOption.AllDirectories) : [])
                Assert.False((await File.ReadAllTextAsync(log)).Contains(secret, StringComparison.Ordinal), $"a secret is in {log}");
        }
        Assert.True(elapsed < @case.Bound + Slack, $"took {elapsed}, bound {@case.Bound}{transcript}");
        Assert.False(File.Exists(scene.Marker), "a transport ran a command" + transcript);
        Assert.Equal(before, await scene.SnapshotAsync());
        await AssertNoGitLeftAsync(peers, transcript);
    }

    /// <summary>No git (or ssh) process that talked to this case's peers is still running; a killed tree may take a moment to go.</summary>
    static async Task AssertNoGitLeftAsync(HostileGitPeers peers, string transcript)
    {
        string[] markers = [$":{peers.Accepting.Port}", $":{peers.Unaccepting.Port}", $"-p {peers.Accepting.Port}", $"-p {peers.Unaccepting.Port}"];
        List<string> left = [];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            left = markers.SelectMany(ChildProcesses.GitMentioning).ToList();
            if (left.Count == 0)
                return;
            await Task.Delay(100);
        }
        Assert.Fail("git processes were left running: " + string.Join("; ", left) + transcript);
    }
}
