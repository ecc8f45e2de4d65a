using Pipelines.Testing;
using Pipelines.Tooling;

namespace Pipelines.GitOps.Tests.Git;

/// <summary>
/// git itself refuses the transports that run commands, whatever the user's git config allows: the pin is
/// GIT_ALLOW_PROTOCOL, which beats protocol.allow=always and protocol.ext.allow=always in ~/.gitconfig. These cases call
/// <see cref="GitCli"/> directly, past the URL check a config-repo change makes first, to show the second line of defence.
/// </summary>
public sealed class PinningTransports : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("pipelines-pin-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    GitCli Permissive()
    {
        var home = Path.Combine(_work, "home");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, ".gitconfig"), "[protocol]\n\tallow = always\n[protocol \"ext\"]\n\tallow = always\n");
        var environment = InvocationEnvironment.Of(("HOME", home), ("XDG_CONFIG_HOME", Path.Combine(home, ".config")), ("GIT_ALLOW_PROTOCOL", null));
        return new GitCli(new ProcessRunner(new SecretMasker(), TextWriter.Null, environment));
    }

    [Fact]
    public async Task An_ext_url_runs_no_command_even_when_the_user_config_allows_every_transport()
    {
        var marker = Path.Combine(_work, "ran");
        var git = Permissive();
        var error = await Assert.ThrowsAsync<ConfigRepoAccessException>(() =>
            git.CloneAsync($"ext::sh -c touch% {marker}", "main", Path.Combine(_work, "clone"), fullHistory: false, CancellationToken.None));

        Assert.Contains("transport 'ext' not allowed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the ext:: transport ran its command");
    }

    [Fact]
    public async Task Without_the_pin_the_same_user_config_does_run_it()
    {
        // The control: proves the case above would have run the command, so its pass means something.
        Permissive();
        var marker = Path.Combine(_work, "ran-unpinned");
        var runner = new ProcessRunner(new SecretMasker(), TextWriter.Null,
            InvocationEnvironment.Of(("HOME", Path.Combine(_work, "home")), ("XDG_CONFIG_HOME", Path.Combine(_work, "home", ".config")), ("GIT_ALLOW_PROTOCOL", null)));
        await runner.RunAsync("git", ["-c", "protocol.allow=never", "clone", $"ext::sh -c touch% {marker}", Path.Combine(_work, "c2")], _work,
            quiet: true, noEcho: true, throwOnError: false);
        Assert.True(File.Exists(marker), "a lone -c protocol.allow=never was expected to lose to protocol.ext.allow=always");
    }

    [Theory]
    [InlineData("ext::sh -c true", null)]
    [InlineData("fd::3", null)]
    [InlineData("evil::x", null)]
    [InlineData("ftp://host/x.git", null)]
    [InlineData("https://host/x.git", GitTransport.Http)]
    [InlineData("ssh://git@host/x.git", GitTransport.Ssh)]
    [InlineData("git@github.com:org/x.git", GitTransport.Ssh)]
    [InlineData("git://host/x.git", GitTransport.Git)]
    [InlineData("/srv/config.git", GitTransport.File)]
    [InlineData("artifacts/config-repo.git", GitTransport.File)]
    public void Each_url_has_the_transport_git_reads_from_it(string url, GitTransport? expected) =>
        Assert.Equal(expected, GitRemoteUrl.Transport(url));
}
