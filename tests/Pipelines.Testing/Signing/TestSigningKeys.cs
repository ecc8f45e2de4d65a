using Pipelines.Tooling;

namespace Pipelines.Testing.Signing;

/// <summary>
/// Real signing keys made by <c>ssh-keygen</c> and <c>gpg</c> in a folder of their own (never the user's keyring), and the
/// verification of a commit against one of them with real <c>git verify-commit</c>: an allowed-signers file for SSH, a
/// keyring holding only the public key for OpenPGP. Dispose stops the agents the key generation started and deletes it all.
/// </summary>
public sealed class TestSigningKeys : IAsyncDisposable
{
    /// <summary>The passphrase of every protected test key.</summary>
    public const string Passphrase = "correct horse battery staple 7";

    /// <summary>The email the keys and the allowed-signers files name (the config commits' default committer).</summary>
    public const string Email = "pipelines@users.noreply.github.com";

    readonly ProcessRunner tools = new(new SecretMasker(), TextWriter.Null);
    readonly List<string> gnupgHomes = [];
    int next;

    TestSigningKeys(string directory) => Directory = directory;

    /// <summary>Where the keys live.</summary>
    public string Directory { get; }

    /// <summary>An ed25519 SSH key without a passphrase.</summary>
    public TestSigningKey Ssh { get; private set; } = null!;

    /// <summary>An ed25519 SSH key protected by <see cref="Passphrase"/>.</summary>
    public TestSigningKey SshWithPassphrase { get; private set; } = null!;

    /// <summary>Another SSH key, for commits signed by someone else.</summary>
    public TestSigningKey OtherSsh { get; private set; } = null!;

    /// <summary>An ed25519 OpenPGP key without a passphrase.</summary>
    public TestSigningKey OpenPgp { get; private set; } = null!;

    /// <summary>An ed25519 OpenPGP key protected by <see cref="Passphrase"/>.</summary>
    public TestSigningKey OpenPgpWithPassphrase { get; private set; } = null!;

    /// <summary><see cref="OpenPgp"/> exported as binary packets (its <see cref="TestSigningKey.PrivateKeyFile"/>).</summary>
    public TestSigningKey OpenPgpBinary { get; private set; } = null!;

    /// <summary>An OpenPGP key that may only certify: it cannot sign.</summary>
    public TestSigningKey CertifyOnlyOpenPgp { get; private set; } = null!;

    /// <summary>Makes every key.</summary>
    public static async Task<TestSigningKeys> CreateAsync()
    {
        var keys = new TestSigningKeys(System.IO.Directory.CreateTempSubdirectory("pipelines-test-keys-").FullName);
        keys.Ssh = await keys.SshAsync(null).ConfigureAwait(false);
        keys.SshWithPassphrase = await keys.SshAsync(Passphrase).ConfigureAwait(false);
        keys.OtherSsh = await keys.SshAsync(null).ConfigureAwait(false);
        keys.OpenPgp = await keys.OpenPgpAsync(null, "sign").ConfigureAwait(false);
        keys.OpenPgpWithPassphrase = await keys.OpenPgpAsync(Passphrase, "sign").ConfigureAwait(false);
        keys.CertifyOnlyOpenPgp = await keys.OpenPgpAsync(null, "cert").ConfigureAwait(false);
        keys.OpenPgpBinary = keys.OpenPgp with { PrivateKeyFile = keys.OpenPgp.PrivateKeyFile + ".gpg" };
        return keys;
    }

    /// <summary>Runs <c>git verify-commit --raw</c> of <paramref name="revision"/> in <paramref name="repository"/> against
    /// <paramref name="key"/> alone; returns git's exit code and what it printed.</summary>
    public Task<(int ExitCode, string Output)> VerifyAsync(TestSigningKey key, string repository, string revision) =>
        key.Kind == "ssh"
            ? new Verification(repository).SshAsync(key.Verifier, revision)
            : new Verification(repository).OpenPgpAsync(key.Verifier, revision);

    /// <summary><c>git verify-commit --raw</c> in one repository, with the user's and the system's git config left out.</summary>
    /// <param name="Repository">The repository (bare or not) holding the commits.</param>
    public sealed record Verification(string Repository)
    {
        readonly ProcessRunner git = new(new SecretMasker(), TextWriter.Null);

        /// <summary>Verifies against an SSH allowed-signers file.</summary>
        public Task<(int ExitCode, string Output)> SshAsync(string allowedSigners, string revision) =>
            RunAsync(["-c", "gpg.ssh.allowedSignersFile=" + allowedSigners, "verify-commit", "--raw", revision], null);

        /// <summary>Verifies against an OpenPGP keyring.</summary>
        public Task<(int ExitCode, string Output)> OpenPgpAsync(string gnupgHome, string revision) =>
            RunAsync(["verify-commit", "--raw", revision], gnupgHome);

        async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? gnupgHome)
        {
            var environment = new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GNUPGHOME"] = gnupgHome };
            var result = await git.RunAsync("git", arguments, Repository, environment, noEcho: true, quiet: true, throwOnError: false).ConfigureAwait(false);
            return (result.ExitCode, result.StandardError + result.StandardOutput);
        }
    }

    async Task<TestSigningKey> SshAsync(string? passphrase)
    {
        var file = Path.Combine(Directory, $"ssh-{++next}");
        await RunAsync(Directory, null, "ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase ?? "", "-C", Email, "-f", file).ConfigureAwait(false);
        var publicKey = (await File.ReadAllTextAsync(file + ".pub").ConfigureAwait(false)).Trim();
        var fingerprint = (await RunAsync(Directory, null, "ssh-keygen", "-l", "-E", "sha256", "-f", file + ".pub").ConfigureAwait(false)).Split(' ')[1];
        var allowedSigners = file + ".allowed_signers";
        await File.WriteAllTextAsync(allowedSigners, $"{Email} namespaces=\"git\" {publicKey}\n").ConfigureAwait(false);
        return new TestSigningKey("ssh", await File.ReadAllTextAsync(file).ConfigureAwait(false), file, publicKey, passphrase, fingerprint, allowedSigners);
    }

    async Task<TestSigningKey> OpenPgpAsync(string? passphrase, string usage)
    {
        var number = ++next;
        var home = GnupgHome($"gpg-{number}");
        string[] unlock = ["--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase ?? ""];
        await RunAsync(Directory, home, "gpg", [.. unlock, "--quick-gen-key", $"Pipelines Test {number} <{Email}>", "ed25519", usage, "never"]).ConfigureAwait(false);
        var colons = await RunAsync(Directory, home, "gpg", "--with-colons", "--list-keys").ConfigureAwait(false);
        var fingerprint = colons.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        var privateKey = await RunAsync(Directory, home, "gpg", [.. unlock, "--armor", "--export-secret-keys", fingerprint]).ConfigureAwait(false);
        var file = Path.Combine(Directory, $"openpgp-{number}.asc");
        await File.WriteAllTextAsync(file, privateKey).ConfigureAwait(false);
        await RunAsync(Directory, home, "gpg", [.. unlock, "--output", file[..^4] + ".asc.gpg", "--export-secret-keys", fingerprint]).ConfigureAwait(false);
        var publicKey = await RunAsync(Directory, home, "gpg", "--armor", "--export", fingerprint).ConfigureAwait(false);
        var keyring = GnupgHome($"keyring-{number}");
        var publicFile = Path.Combine(Directory, $"openpgp-{number}.pub.asc");
        await File.WriteAllTextAsync(publicFile, publicKey).ConfigureAwait(false);
        await RunAsync(Directory, keyring, "gpg", "--batch", "--import", publicFile).ConfigureAwait(false);
        return new TestSigningKey("openpgp", privateKey, file, publicKey, passphrase, fingerprint, keyring);
    }

    string GnupgHome(string name)
    {
        var home = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(home);
        // gpg warns about a home others may read.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        gnupgHomes.Add(home);
        return home;
    }

    async Task<string> RunAsync(string directory, string? gnupgHome, string tool, params string[] arguments)
    {
        var environment = gnupgHome is null ? null : new Dictionary<string, string?> { ["GNUPGHOME"] = gnupgHome };
        var result = await tools.RunAsync(tool, arguments, directory, environment, noEcho: true, quiet: true, throwOnError: false).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)}: {result.StandardError}");
    }

    /// <summary>Stops the agents key generation started and deletes the keys.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var home in gnupgHomes)
            await tools.RunAsync("gpgconf", ["--kill", "all"], Directory, new Dictionary<string, string?> { ["GNUPGHOME"] = home }, noEcho: true, quiet: true,
                throwOnError: false).ConfigureAwait(false);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
