using Pipelines.Testing;
using Pipelines.Tooling;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>
/// The machine a change runs on in a signing test: a temporary directory of its own (the tools' TMPDIR, where the signer's
/// private directory goes), a home with its own git config, and a runner whose every line of output is kept, so a test can
/// see what is left behind and what was printed.
/// </summary>
sealed class SigningWorkspace : IDisposable
{
    public SigningWorkspace(params (string Name, string? Value)[] extra)
    {
        Root = Directory.CreateTempSubdirectory("pipelines-signing-test-").FullName;
        Temp = Path.Combine(Root, "tmp");
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Temp);
        Directory.CreateDirectory(Home);
        Environment = InvocationEnvironment.Of([("TMPDIR", Temp), ("HOME", Home), ("XDG_CONFIG_HOME", Path.Combine(Home, ".config")),
            ("GNUPGHOME", null), ("GIT_CONFIG_COUNT", null), ("SSH_AUTH_SOCK", null), .. extra]);
        Runner = new ProcessRunner(new SecretMasker(), Output, Environment);
    }

    public string Root { get; }

    public string Temp { get; }

    public string Home { get; }

    public Dictionary<string, string?> Environment { get; }

    public StringWriter Output { get; } = new();

    public ProcessRunner Runner { get; }

    /// <summary>The signers' private directories still on disk.</summary>
    public string[] KeyDirectories => Directory.GetDirectories(Temp, "pipelines-sign-*");

    public ConfigRepo Open(string url, CommitSigningKey? key, Func<ConfigRepoSettings, ConfigRepoSettings>? configure = null, PullRequestPublisher? pullRequests = null)
    {
        var settings = new ConfigRepoSettings(url) { SigningKey = key };
        return new ConfigRepo(configure is null ? settings : configure(settings), Runner, Bumping.KnownImages.All, pullRequests);
    }

    public static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
