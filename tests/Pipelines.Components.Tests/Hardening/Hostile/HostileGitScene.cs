using System.Text;
using Pipelines.Testing;
using Pipelines.Testing.Git;
using Pipelines.Testing.GitHub;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// What the hostile git inputs run against, started once: a config repo on git daemon, the same config served over HTTP by
/// the GitHub stand-in (git http-backend behind GitHub's token check), and a user whose git config allows every transport
/// (<c>protocol.allow=always</c>, <c>protocol.ext.allow=always</c>) with a remote helper <c>git-remote-evil</c> on PATH. A
/// transport that ran a command would create <see cref="Marker"/>.
/// </summary>
public sealed class HostileGitScene : IAsyncLifetime
{
    public const string WriteToken = "ghp_hostileWriterToken00000000000001";
    public const string ReadToken = "ghp_hostileReaderToken00000000000001";
    public const string Repository = "org/config";

    string _work = null!;

    public GitDaemon Git { get; private set; } = null!;
    public GitHubStandIn GitHub { get; private set; } = null!;
    public string Root { get; private set; } = null!;
    public string Home { get; private set; } = null!;
    public string Marker { get; private set; } = null!;
    public string HelperDirectory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _work = Path.Combine(Path.GetTempPath(), "pipelines-hostile-" + Guid.NewGuid().ToString("N")[..10]);
        Root = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        Marker = Path.Combine(_work, "a-transport-ran-a-command");

        Home = Path.Combine(_work, "home");
        Directory.CreateDirectory(Home);
        await File.WriteAllTextAsync(Path.Combine(Home, ".gitconfig"),
            "[protocol]\n\tallow = always\n[protocol \"ext\"]\n\tallow = always\n[protocol \"evil\"]\n\tallow = always\n[protocol \"fd\"]\n\tallow = always\n");
        HelperDirectory = Path.Combine(_work, "bin");
        Directory.CreateDirectory(HelperDirectory);
        var helper = Path.Combine(HelperDirectory, "git-remote-evil");
        await File.WriteAllTextAsync(helper, $"#!/bin/sh\ntouch '{Marker}'\nexit 1\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Git = await GitDaemon.StartAsync();
        await Git.CreateRepositoryAsync("config", Files());
        await Git.CreateRepositoryAsync("http", Files());
        GitHub = await GitHubStandIn.StartAsync();
        GitHub.AddGitRepository(Repository, Git.BarePath("http"));
        GitHub.AddToken(WriteToken, Repository, canWrite: true);
        GitHub.AddToken(ReadToken, Repository, canWrite: false);
    }

    static Dictionary<string, byte[]> Files() => new()
    {
        ["clusters/dev/app.yaml"] = Encoding.UTF8.GetBytes(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: registry.example/app:abc1234\n"),
    };

    /// <summary>The git:// URL of the daemon's config repo.</summary>
    public string GitUrl => Git.Url("config");

    /// <summary>The HTTP URL of the stand-in's config repo, optionally with user-info.</summary>
    public string HttpUrl(string? userInfo = null) =>
        userInfo is null ? GitHub.GitUrl(Repository) : GitHub.GitUrl(Repository).Replace("http://", $"http://{userInfo}@", StringComparison.Ordinal);

    /// <summary>The build's environment: the hostile user's HOME and PATH, plus a case's own variables.</summary>
    public Dictionary<string, string?> Environment(params (string Name, string? Value)[] extra) => InvocationEnvironment.Of(
    [
        ("HOME", Home), ("XDG_CONFIG_HOME", Path.Combine(Home, ".config")),
        ("PATH", HelperDirectory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH")),
        ("GIT_SSH_COMMAND", null), ("GIT_SSH", null), ("GIT_CONFIG_COUNT", null),
        .. extra,
    ]);

    /// <summary>Both remotes' refs, to prove a case changed neither.</summary>
    public async Task<string> SnapshotAsync() => "config:\n" + await Git.RefsAsync("config") + "http:\n" + await Git.RefsAsync("http");

    public async Task DisposeAsync()
    {
        await GitHub.DisposeAsync();
        Git.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
