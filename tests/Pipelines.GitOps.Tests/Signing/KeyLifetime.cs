using Pipelines.Testing.Faults;
using Pipelines.Testing.Signing;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>
/// The key exists on disk only while a change runs, in a directory only its owner can enter (0700, the key 0600), and is gone
/// afterwards: after a change that landed, and after one cancelled while git waited on a server that never answers. An
/// OpenPGP key's private agent is stopped with it. The key's lines and passphrase are masked from the first moment.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyLifetime(SigningScene scene) : IClassFixture<SigningScene>
{
    TestSigningKeys Keys => scene.Keys;

    [Theory]
    [InlineData("ssh")]
    [InlineData("openpgp")]
    public async Task The_key_is_private_while_a_change_runs_and_gone_when_it_is_cancelled(string kind)
    {
        var key = kind == "ssh" ? Keys.SshWithPassphrase : Keys.OpenPgpWithPassphrase;
        using var workspace = new SigningWorkspace();
        using var silent = SilentPeer.Accepting();
        var url = $"git://{silent.Address}/config.git";
        using var cancellation = new CancellationTokenSource();

        var change = workspace.Open(url, CommitSigningKey.From(key.PrivateKey, null, key.Passphrase), s => s with { NetworkTimeout = TimeSpan.FromMinutes(2) })
            .BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")), cancellation.Token);
        // The clone hangs on the silent server once the key is in place.
        while (silent.Accepted == 0 && !change.IsCompleted)
            await Task.WhenAny(change, Task.Delay(20));
        var directory = Assert.Single(workspace.KeyDirectories);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "key")));
        Assert.Equal(key.PrivateKey.Trim() + "\n", await File.ReadAllTextAsync(Path.Combine(directory, "key")));
        if (kind == "openpgp")
            Assert.NotEmpty(ProcessesMentioning(directory));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => change);
        Assert.Empty(workspace.KeyDirectories);
        Assert.Empty(ProcessesMentioning(directory));
    }

    [Fact]
    public async Task Nothing_of_the_key_is_left_after_a_change_and_its_lines_are_masked()
    {
        using var workspace = new SigningWorkspace();
        var (url, _) = await scene.RepositoryAsync();

        await workspace.Open(url, CommitSigningKey.From(Keys.OpenPgpWithPassphrase.PrivateKey, null, TestSigningKeys.Passphrase))
            .BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });

        Assert.Empty(workspace.KeyDirectories);
        Assert.Empty(Directory.GetFileSystemEntries(workspace.Temp));
        Assert.Empty(ProcessesMentioning(workspace.Temp));
        foreach (var line in Keys.OpenPgpWithPassphrase.SecretLines.Append(TestSigningKeys.Passphrase))
            Assert.Equal("***", workspace.Runner.Masker.Redact(line));
    }

    /// <summary>The processes whose command line names <paramref name="path"/> (an agent started for a private keyring does).</summary>
    static List<string> ProcessesMentioning(string path)
    {
        var found = new List<string>();
        foreach (var process in Directory.GetDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(path, StringComparison.Ordinal))
                    found.Add($"{Path.GetFileName(process)}: {commandLine}");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
