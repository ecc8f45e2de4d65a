using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.Git;
using Pipelines.Testing.Signing;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>Real keys (ssh-keygen, gpg) and a git daemon, made once for a test class; each test makes its own repository and
/// <see cref="SigningWorkspace"/>.</summary>
public sealed class SigningScene : IAsyncLifetime
{
    public TestSigningKeys Keys { get; private set; } = null!;

    public GitDaemon Git { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Keys = await TestSigningKeys.CreateAsync();
        Git = await GitDaemon.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Git.Dispose();
        await Keys.DisposeAsync();
    }

    /// <summary>A config repo with a dev environment that pushes and a prod one that asks for pull requests.</summary>
    public async Task<(string Url, string Name)> RepositoryAsync()
    {
        var name = "sign-" + Guid.NewGuid().ToString("N")[..8];
        var url = await Git.CreateRepositoryAsync(name, new Dictionary<string, byte[]>
        {
            ["environments.yaml"] = Bytes("environments:\n  dev: {path: clusters/dev}\n  prod: {path: clusters/prod, pushMode: pull-request}\n"),
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        return (url, name);
    }

    /// <summary>Verifies <paramref name="revision"/> of repository <paramref name="name"/> against <paramref name="key"/> alone.</summary>
    public async Task<string> AssertSignedByAsync(TestSigningKey key, string name, string revision = "main")
    {
        var (exitCode, output) = await Keys.VerifyAsync(key, Git.BarePath(name), revision);
        Assert.True(exitCode == 0, $"{revision} does not verify against the {key}:\n{output}");
        Assert.Contains(key.Fingerprint, output, StringComparison.Ordinal);
        return output;
    }

    /// <summary>Whether the commit object at <paramref name="revision"/> carries a signature at all.</summary>
    public async Task<bool> IsSignedAsync(string name, string revision = "main") =>
        (await Git.GitAsync(name, "cat-file", "commit", revision)).Contains("\ngpgsig ", StringComparison.Ordinal);
}
