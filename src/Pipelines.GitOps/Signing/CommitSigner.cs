using System.Text;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// A signing key made usable by git for the length of one change, and nowhere else. The key is written to a private directory
/// (mode 0700, the key file 0600) under the tools' temporary directory: ssh-keygen reads an SSH key from there, and an OpenPGP
/// key is imported into a keyring of its own (a private <c>GNUPGHOME</c> with its own agent). The user's keyring, ssh-agent
/// and git config are never touched: git gets the signing settings through <c>GIT_CONFIG_COUNT</c> in its environment, which
/// outrank whatever the user's config says about signing. The passphrase travels in the environment (readable only by the
/// same user), never in arguments or files. Opening proves the key signs, so a wrong passphrase fails in one line before any
/// clone; disposing stops the agent and deletes the directory, also when the change was cancelled.
/// </summary>
public sealed partial class CommitSigner : IAsyncDisposable
{
    /// <summary>The variable the passphrase reaches ssh-keygen's askpass and the gpg wrapper in.</summary>
    const string PassphraseVariable = "PIPELINES_SIGNING_PASSPHRASE";

    /// <summary>What a test signature signs when the key is opened.</summary>
    const string CheckText = "pipelines signing check\n";

    readonly ProcessRunner runner;
    readonly CommitSigningKey key;
    readonly Dictionary<string, string?> environment = new(StringComparer.Ordinal);
    readonly List<(string Key, string Value)> config = [];
    bool disposed;

    CommitSigner(ProcessRunner runner, CommitSigningKey key, SigningKeyFormat format, string directory)
    {
        this.runner = runner;
        this.key = key;
        Format = format;
        Directory = directory;
        environment[PassphraseVariable] = key.Passphrase ?? "";
    }

    /// <summary>Which kind of key signs.</summary>
    public SigningKeyFormat Format { get; }

    /// <summary>The key's fingerprint as the tools print it: <c>SHA256:…</c> for SSH, 40 hex digits for OpenPGP.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>The private directory holding the key while the signer is open; gone once it is disposed.</summary>
    public string Directory { get; }

    /// <summary>The input the key came from, for failures about it.</summary>
    public Input Input => key.Input;

    /// <summary>How the key reads in a summary: <c>SSH key SHA256:…</c> or <c>OpenPGP key 0F6D…</c>.</summary>
    public string Description => Format == SigningKeyFormat.Ssh ? $"SSH key {Fingerprint}" : $"OpenPGP key {Fingerprint}";

    /// <summary>Variables git (and the ssh-keygen or gpg it starts) needs to sign and verify.</summary>
    internal IReadOnlyDictionary<string, string?> Environment => environment;

    /// <summary>The git settings that sign commits with this key and verify them against it alone.</summary>
    internal IReadOnlyList<(string Key, string Value)> GitConfig => config;

    /// <summary>Makes <paramref name="key"/> usable by git and proves it signs.</summary>
    /// <param name="key">The key as given.</param>
    /// <param name="principal">Who the signatures are for: the committer's email (an SSH allowed-signers principal).</param>
    /// <param name="runner">Runs ssh-keygen and gpg; its masker learns the key and passphrase, and its environment's
    /// <c>TMPDIR</c> is where the private directory goes (the system's temporary directory when it has none).</param>
    /// <param name="ct">Cancellation; the directory is removed on cancellation too.</param>
    /// <exception cref="CommitSigningException">The key cannot be read or cannot sign, or the passphrase does not unlock it.</exception>
    /// <exception cref="InvalidInputException">The key file is missing, or the content is no private key.</exception>
    public static async Task<CommitSigner> OpenAsync(CommitSigningKey key, string principal, ProcessRunner runner, CancellationToken ct)
    {
        var (format, bytes) = await key.ReadAsync(ct).ConfigureAwait(false);
        runner.Masker.AddRange(key.SecretParts(bytes));
        var directory = Path.Combine(TemporaryRoot(runner), "pipelines-sign-" + Guid.NewGuid().ToString("N")[..10]);
        CreatePrivateDirectory(directory);
        var signer = new CommitSigner(runner, key, format, directory);
        try
        {
            var keyFile = Path.Combine(directory, "key");
            await WritePrivateAsync(keyFile, bytes, executable: false, ct).ConfigureAwait(false);
            if (format == SigningKeyFormat.Ssh)
                await signer.OpenSshAsync(keyFile, principal, ct).ConfigureAwait(false);
            else
                await signer.OpenPgpAsync(keyFile, ct).ConfigureAwait(false);
            // Whatever the user's config says: this key signs, and any trust level of it counts when verifying.
            signer.config.Add(("commit.gpgSign", "true"));
            signer.config.Add(("gpg.minTrustLevel", "undefined"));
            return signer;
        }
        catch
        {
            await signer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether <paramref name="verification"/> (what <c>git verify-commit --raw</c> printed) names this key.</summary>
    internal bool IsOwnSignature(string verification) =>
        Format == SigningKeyFormat.Ssh
            ? verification.Contains("Good \"git\" signature", StringComparison.Ordinal) && verification.Contains(Fingerprint, StringComparison.Ordinal)
            : verification.Split('\n').Any(l => l.StartsWith("[GNUPG:] VALIDSIG ", StringComparison.Ordinal) && l.Contains(Fingerprint, StringComparison.Ordinal));

    /// <summary>Stops the private agent (OpenPGP) and deletes the directory with the key.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        if (Format == SigningKeyFormat.OpenPgp && System.IO.Directory.Exists(Path.Combine(Directory, "g")))
        {
            try
            {
                // Not the change's token: a cancelled change must still stop the agent it started.
                await runner.RunAsync("gpgconf", ["--kill", "all"], Directory, environment, noEcho: true, quiet: true, throwOnError: false,
                    timeout: TimeSpan.FromSeconds(10), ct: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProcessTimeoutException or ToolNotFoundException or IOException)
            {
                // The agent exits by itself once its home is gone; the key is deleted below either way.
            }
        }
        try
        {
            File.Delete(Path.Combine(Directory, "key"));
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A socket the agent is still closing; the key file itself was deleted first.
        }
    }

    /// <summary>Runs a signing tool in the private directory with the signer's environment, capturing its output.</summary>
    /// <exception cref="CommitSigningException">The tool (ssh-keygen, or the gpg the OpenPGP wrapper starts) is not installed.</exception>
    async Task<ProcessResult> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken ct, string? input = null)
    {
        ProcessResult result;
        try
        {
            result = await runner.RunAsync(tool, arguments, Directory, environment, noEcho: true, quiet: true, throwOnError: false, standardInput: input,
                timeout: TimeSpan.FromMinutes(1), ct: ct).ConfigureAwait(false);
        }
        catch (ToolNotFoundException e) when (e.IsMissing)
        {
            throw NotInstalled(e.Tool, e);
        }
        // The OpenPGP wrapper is a shell script: the shell's 127 is a gpg it could not find.
        if (result.ExitCode == 127 && Path.GetFileName(tool) == "gpg")
            throw NotInstalled("gpg");
        return result;
    }

    CommitSigningException NotInstalled(string tool, Exception? inner = null)
    {
        var package = tool == "gpg" ? "gnupg" : "openssh-client";
        return new CommitSigningException(FailureKind.Failure, key.Input, $"needs {tool} to sign, which is not installed on this agent",
            $"install {package} (apt-get install {package}), or commit without a signing key", inner);
    }

    /// <summary>The line that says why a tool failed, with the private directory's path left out.</summary>
    string Reason(ProcessResult result)
    {
        var lines = (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("[GNUPG:]", StringComparison.Ordinal)).ToList();
        var line = lines.LastOrDefault(l => l.Contains("failed", StringComparison.Ordinal) || l.Contains("incorrect", StringComparison.Ordinal) ||
                                            l.Contains("invalid", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
                   ?? lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
        // ssh-keygen names the file it loaded, which is ours and says nothing to the user: 'Load key "…/key": <reason>'.
        if (line.StartsWith("Load key \"", StringComparison.Ordinal) && line.IndexOf("\": ", StringComparison.Ordinal) is > 0 and var end)
            line = line[(end + 3)..];
        return runner.Masker.Redact(line.Replace(Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
    }

    static string TemporaryRoot(ProcessRunner runner) =>
        runner.Environment?.GetValueOrDefault("TMPDIR") is { Length: > 0 } given && System.IO.Directory.Exists(given) ? given : Path.GetTempPath();

    static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(path);
        else
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Writes a file only its owner can read, created with that mode (never readable by others, not even briefly).</summary>
    static async Task WritePrivateAsync(string path, byte[] content, bool executable, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0);
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(content, ct).ConfigureAwait(false);
    }

    static Task WritePrivateAsync(string path, string content, bool executable, CancellationToken ct) =>
        WritePrivateAsync(path, Encoding.UTF8.GetBytes(content), executable, ct);
}
