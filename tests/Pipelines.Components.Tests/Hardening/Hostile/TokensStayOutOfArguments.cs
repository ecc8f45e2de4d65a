using System.Diagnostics;
using System.Text;
using Pipelines.Components.Tests.Hardening.BadInput;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// A bump with a GitHub token over HTTPS-style basic auth against the GitHub stand-in's git endpoint, slowed down so its git
/// processes can be watched: while it runs, every process's <c>/proc/&lt;pid&gt;/cmdline</c> (what any user on a shared agent
/// can read) is read over and over. The token, and the header that carries it, appear in none; the bump lands with exactly
/// that token.
/// </summary>
[Collection(nameof(HostileGit))]
public sealed class TokensStayOutOfArguments(HostileGitScene scene, ITestOutputHelper output)
{
    [Fact]
    public async Task No_process_the_bump_starts_has_the_token_in_its_arguments()
    {
        var token = HostileGitScene.WriteToken;
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token));
        var seen = new HashSet<string>();
        var leaks = new List<string>();
        var watch = Stopwatch.StartNew();
        var handled = false;
        scene.GitHub.GitResponseDelay = TimeSpan.FromMilliseconds(250);
        lock (scene.GitHub.GitTokensSeen)
            scene.GitHub.GitTokensSeen.Clear();
        try
        {
            var before = (await scene.Git.GitAsync("http", "rev-parse", "main")).Trim();
            var url = scene.HttpUrl();
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            using var stop = new CancellationTokenSource();
            var bump = PipelineBuild.ExecuteAsync<HardeningBuild>(new BuildInvocation(
                ["BumpConfigRepo", "--config-repo", url, "--config-path", "clusters/dev", "--image-repository", "registry.example/app",
                 "--image-tag", "feed123", "--verify-image", "false"],
                scene.Environment(("PIPELINES_GITHUB_TOKEN", token)), stdout, stderr) { RootDirectory = scene.Root });
            while (!bump.IsCompleted)
            {
                foreach (var (pid, commandLine) in ChildProcesses.All())
                {
                    var program = Path.GetFileName(commandLine.Split(' ')[0]);
                    if (program == "git" || program.StartsWith("git-remote-", StringComparison.Ordinal))
                        seen.Add($"{pid}: {commandLine}");
                    if (commandLine.Contains(token, StringComparison.Ordinal) || commandLine.Contains(header, StringComparison.Ordinal))
                        leaks.Add($"{pid}: {commandLine}");
                }
                await Task.WhenAny(bump, Task.Delay(5));
            }
            var exitCode = await bump;
            Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}{stderr}");
            Assert.Empty(leaks);
            // The sweep really saw the bump's git processes talk to the stand-in.
            Assert.Contains(seen, s => s.Contains(" clone ", StringComparison.Ordinal) && s.Contains(url, StringComparison.Ordinal));
            Assert.Contains(seen, s => s.Contains(" push ", StringComparison.Ordinal));
            Assert.NotEqual(before, (await scene.Git.GitAsync("http", "rev-parse", "main")).Trim());
            lock (scene.GitHub.GitTokensSeen)
            {
                Assert.NotEmpty(scene.GitHub.GitTokensSeen);
                Assert.All(scene.GitHub.GitTokensSeen, t => Assert.Equal(token, t));
            }
            Assert.DoesNotContain(token, stdout.ToString() + stderr, StringComparison.Ordinal);
            handled = true;
        }
        finally
        {
            scene.GitHub.GitResponseDelay = TimeSpan.Zero;
            HardeningFigures.Record(output, "hostile", "credentials/token-in-no-process-arguments", ("tried", 1), ("handled", handled ? 1 : 0),
                ("seconds", Math.Round(watch.Elapsed.TotalSeconds, 2)), ("processesSeen", seen.Count), ("leaks", leaks.Count));
        }
    }
}
