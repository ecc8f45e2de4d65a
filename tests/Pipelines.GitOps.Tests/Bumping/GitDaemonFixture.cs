using Pipelines.Testing.Git;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>One git daemon shared by a test class; each test creates its own repository in it.</summary>
public sealed class GitDaemonFixture : IAsyncLifetime
{
    public GitDaemon Daemon { get; private set; } = null!;

    public async Task InitializeAsync() => Daemon = await GitDaemon.StartAsync();

    public Task DisposeAsync()
    {
        Daemon.Dispose();
        return Task.CompletedTask;
    }
}
