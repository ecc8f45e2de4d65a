using Xunit.Abstractions;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>Many pipelines bumping one config repo at once all land; none is lost.</summary>
public sealed class PushingConcurrently(GitDaemonFixture git, ITestOutputHelper output) : IClassFixture<GitDaemonFixture>
{
    const int Images = 20;

    [Fact]
    public async Task Twenty_bumps_of_different_images_started_at_once_all_land()
    {
        var files = Enumerable.Range(0, Images).ToDictionary(i => $"apps/svc{i:00}.yaml", i => Bytes(Deployment($"svc{i:00}", $"registry.example.com/team/svc{i:00}:1a2b3c4")));
        var url = await git.Daemon.CreateRepositoryAsync("busy", files);
        var settings = new ConfigRepoSettings(url) { MaxPushAttempts = 60, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(400) };

        using var start = new ManualResetEventSlim();
        var bumps = Enumerable.Range(0, Images).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await Open(url, settings: settings).BumpAsync(new BumpRequest(ImageTarget.Create($"registry.example.com/team/svc{i:00}", "5d6e7f8")));
        })).ToList();
        start.Set();
        var changes = await Task.WhenAll(bumps);

        output.WriteLine("attempts: " + string.Join(" ", changes.Select(c => c.Attempts).Order()));
        Assert.All(changes, c => Assert.Equal(ChangeOutcome.Pushed, c.Outcome));
        Assert.Contains(changes, c => c.Attempts > 1);
        var work = await git.Daemon.CloneAsync("busy");
        try
        {
            for (var i = 0; i < Images; i++)
                Assert.Equal(Deployment($"svc{i:00}", $"registry.example.com/team/svc{i:00}:5d6e7f8"), await File.ReadAllTextAsync(Path.Combine(work, $"apps/svc{i:00}.yaml")));
        }
        finally
        {
            TestTrees.Delete(work);
        }
        Assert.Equal((Images + 1).ToString(), (await git.Daemon.GitAsync("busy", "rev-list", "--count", "main")).Trim());
        Assert.Equal("", (await git.Daemon.GitAsync("busy", "fsck", "--strict", "--no-dangling", "--no-progress")).Trim());
    }
}
