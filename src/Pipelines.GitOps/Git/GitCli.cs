using System.Text;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// The git commands a config-repo change needs, run through the shared <see cref="ProcessRunner"/> so every command line and
/// output line is redacted. Every call runs with the transports pinned (<see cref="GitEnvironment"/>); every call that talks
/// to the remote has a connect and an idle bound (<see cref="GitNetworkBounds"/>). A token, when given, travels as an HTTP
/// header set through <c>GIT_CONFIG_COUNT</c> in git's environment (readable only by the same user), never in its arguments
/// (which any user can read in <c>/proc/&lt;pid&gt;/cmdline</c>), and only for the remote's own origin.
/// </summary>
public sealed partial class GitCli
{
    readonly ProcessRunner runner;
    readonly GitNetworkBounds bounds;
    readonly (string Key, string Value)? authHeader;
    readonly string?[] secrets = [];
    readonly GitTransport? transport;
    Task<bool>? userSshCommand;

    /// <summary>Creates a wrapper over <paramref name="runner"/>.</summary>
    /// <param name="runner">The process runner (and its secret masker).</param>
    /// <param name="token">An HTTPS token (e.g. a GitHub token) sent as basic auth to the remote; null for none.</param>
    /// <param name="remoteUrl">The remote the network commands talk to: scopes the token to its origin and picks the bounds
    /// git can keep for its transport; null when unknown (then every bound applies and the token goes to any http remote).</param>
    /// <param name="timeout">The network bound (<see cref="GitNetworkBounds.Timeout"/>); one minute when null.</param>
    public GitCli(ProcessRunner runner, string? token = null, string? remoteUrl = null, TimeSpan? timeout = null)
    {
        this.runner = runner;
        if (timeout is { } given && given <= TimeSpan.Zero)
            throw new InvalidInputException(GitOpsInputs.NetworkTimeout, $"'{given}' is not a positive duration", $"give a duration such as 00:01:00");
        bounds = new GitNetworkBounds(timeout ?? GitNetworkBounds.DefaultTimeout);
        transport = remoteUrl is null ? null : GitRemoteUrl.Transport(remoteUrl);
        if (!string.IsNullOrEmpty(token))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token));
            authHeader = (HeaderKey(remoteUrl), "Authorization: Basic " + basic);
            secrets = [token, basic];
        }
    }

    /// <summary>The bounds every network command runs with.</summary>
    public GitNetworkBounds Bounds => bounds;

    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    /// <param name="directory">Working directory.</param>
    /// <param name="arguments">Arguments after <c>git</c>.</param>
    /// <param name="network">Whether the command talks to the remote (then the token header and the network bounds apply).</param>
    /// <param name="input">Standard input.</param>
    /// <param name="throwOnError">Throw on a non-zero exit.</param>
    /// <param name="quiet">Do not stream output.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, bool network = false,
        string? input = null, bool throwOnError = true, bool quiet = true, CancellationToken ct = default)
    {
        var environment = network ? await NetworkEnvironmentAsync(ct).ConfigureAwait(false) : GitEnvironment.Pinned;
        return await runner.RunAsync("git", arguments, directory, environment, secrets, noEcho: quiet, quiet: quiet, throwOnError: throwOnError,
            standardInput: input, timeout: network ? bounds.WholeCommand(transport) : null, ct: ct).ConfigureAwait(false);
    }

    /// <summary>Clones only <paramref name="branch"/> into <paramref name="directory"/>, shallow unless <paramref name="fullHistory"/>.</summary>
    public async Task CloneAsync(string url, string branch, string directory, bool fullHistory, CancellationToken ct)
    {
        List<string> arguments = ["clone", "--quiet", "--single-branch", "--no-tags", "--branch", branch];
        if (!fullHistory)
            arguments.AddRange(["--depth", "1"]);
        // "--": a URL or path that starts with a dash is never read as an option.
        arguments.AddRange(["--", url, directory]);
        var result = await RunNetworkAsync(url, Path.GetTempPath(), arguments, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw Failure(url, "git clone", $"could not be cloned at branch '{branch}'", result);
    }

    /// <summary>Fetches <paramref name="branch"/> and resets the checkout to it, discarding local edits and commits.</summary>
    public async Task ResetToRemoteAsync(string directory, string branch, bool fullHistory, CancellationToken ct)
    {
        List<string> fetch = ["fetch", "--quiet", "--no-tags"];
        if (!fullHistory)
            fetch.AddRange(["--depth", "1"]);
        fetch.AddRange(["origin", $"+refs/heads/{branch}:refs/remotes/origin/{branch}"]);
        var url = await OriginAsync(directory, ct).ConfigureAwait(false);
        var result = await RunNetworkAsync(url, directory, fetch, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw Failure(url, "git fetch", $"could not be fetched at branch '{branch}'", result);
        // Edits only ever touch tracked files, so a hard reset restores the clean state.
        await RunAsync(directory, ["reset", "--quiet", "--hard", $"origin/{branch}", "--"], ct: ct).ConfigureAwait(false);
    }

    /// <summary>Commits every change to tracked files with <paramref name="message"/>; returns the new commit id. With a
    /// <paramref name="signer"/> the commit is signed with its key (and nothing else); without one it is not signed, whatever
    /// the user's config says.</summary>
    /// <exception cref="CommitSigningException">The commit could not be signed.</exception>
    public async Task<string> CommitAllAsync(string directory, string message, GitIdentity identity, CommitSigner? signer, CancellationToken ct)
    {
        List<string> arguments = ["-c", "user.name=" + identity.Name, "-c", "user.email=" + identity.Email];
        if (signer is null)
            arguments.AddRange(["-c", "commit.gpgsign=false"]);
        arguments.AddRange(["commit", "--quiet", "--all", "--no-verify", "--file", "-"]);
        if (signer is null)
        {
            await RunAsync(directory, arguments, input: message, ct: ct).ConfigureAwait(false);
        }
        else
        {
            var result = await runner.RunAsync("git", arguments, directory, SigningEnvironment(signer), secrets, noEcho: true, quiet: true,
                throwOnError: false, standardInput: message, ct: ct).ConfigureAwait(false);
            if (!result.Succeeded)
                throw new CommitSigningException(FailureKind.Failure, signer.Input, $"could not sign the commit ({SigningFailure(result)})",
                    $"check that the key signs with `git commit -S` outside the pipeline");
        }
        return await HeadAsync(directory, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that <paramref name="commit"/> carries a good signature by <paramref name="signer"/>'s key (<c>git verify-commit</c>
    /// against that key alone), so nothing unsigned or signed by another key is ever pushed.
    /// </summary>
    /// <exception cref="CommitSigningException">The signature is missing, bad, or by another key.</exception>
    public async Task VerifyCommitAsync(string directory, string commit, CommitSigner signer, CancellationToken ct)
    {
        var result = await runner.RunAsync("git", ["verify-commit", "--raw", commit], directory, SigningEnvironment(signer), secrets, noEcho: true,
            quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        var output = result.StandardError + result.StandardOutput;
        if (result.Succeeded && signer.IsOwnSignature(output))
            return;
        throw new CommitSigningException(FailureKind.Failure, signer.Input,
            $"did not verify on commit {CommitMessage.Short(commit)} ({(output.Trim().Length == 0 ? "no signature" : SigningFailure(result))}); nothing was pushed",
            $"check the key with `git verify-commit` outside the pipeline");
    }

    /// <summary>The environment of a signing or verifying command: the pins, the signer's variables and its git settings.</summary>
    IReadOnlyDictionary<string, string?> SigningEnvironment(CommitSigner signer)
    {
        var environment = new Dictionary<string, string?>(GitEnvironment.Pinned);
        foreach (var (key, value) in signer.Environment)
            environment[key] = value;
        AppendConfig(environment, signer.GitConfig);
        return environment;
    }

    /// <summary>The line of a failed signing command that says why: the signing tool's own, else git's.</summary>
    string SigningFailure(ProcessResult result)
    {
        var lines = (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("hint:", StringComparison.Ordinal) && !l.StartsWith("[GNUPG:]", StringComparison.Ordinal)).ToList();
        var line = lines.FirstOrDefault(l => l.StartsWith("gpg:", StringComparison.Ordinal) || l.StartsWith("Load key", StringComparison.Ordinal) ||
                                             l.StartsWith("Could not", StringComparison.Ordinal) || l.Contains("signature", StringComparison.OrdinalIgnoreCase))
                   ?? lines.FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("fatal:", StringComparison.Ordinal))
                   ?? lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
        return runner.Masker.Redact(line);
    }

    /// <summary>The checked-out commit id.</summary>
    public async Task<string> HeadAsync(string directory, CancellationToken ct) =>
        (await RunAsync(directory, ["rev-parse", "--verify", "HEAD"], ct: ct).ConfigureAwait(false)).StandardOutput.Trim();

    /// <summary>The changes between <paramref name="from"/> and the working tree (or <paramref name="to"/>) as a unified diff.</summary>
    public async Task<string> DiffAsync(string directory, string from = "HEAD", string? to = null, CancellationToken ct = default) =>
        (await RunAsync(directory, ["diff", "--no-color", "--no-ext-diff", from, .. to is null ? Array.Empty<string>() : [to], "--"], ct: ct).ConfigureAwait(false)).StandardOutput;

    /// <summary>Pushes HEAD to <paramref name="branch"/>; a race with another push is a <see cref="PushOutcome.Rejected"/>, not an error.</summary>
    public Task<PushOutcome> PushAsync(string directory, string url, string branch, bool force, CancellationToken ct) =>
        PushRefAsync(directory, url, $"{(force ? "+" : "")}HEAD", $"refs/heads/{branch}", ct);

    /// <summary>Reads the commits reachable from HEAD, newest first, with their trailers.</summary>
    public async Task<IReadOnlyList<GitCommit>> LogAsync(string directory, CancellationToken ct)
    {
        var output = (await RunAsync(directory, ["log", "--format=%H%x1f%B%x1e", "HEAD", "--"], ct: ct).ConfigureAwait(false)).StandardOutput;
        var commits = new List<GitCommit>();
        foreach (var record in output.Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = record.Split('\x1f', 2);
            var body = parts.Length > 1 ? parts[1].Trim() : "";
            var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var lastParagraph = body[(body.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)..];
            foreach (var line in lastParagraph.Split('\n'))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0 && !line[..colon].Contains(' '))
                    trailers[line[..colon]] = line[(colon + 2)..].Trim();
            }
            commits.Add(new GitCommit(parts[0], body.Split('\n')[0], trailers));
        }
        return commits;
    }

    /// <summary>Applies the inverse of <paramref name="commit"/> to the working tree without committing; false on a conflict (then aborted).</summary>
    public async Task<(bool Applied, string Conflicts)> RevertWithoutCommitAsync(string directory, string commit, CancellationToken ct)
    {
        var result = await RunAsync(directory, ["revert", "--no-commit", commit], throwOnError: false, ct: ct).ConfigureAwait(false);
        if (result.ExitCode == 0)
            return (true, "");
        var conflicts = (await RunAsync(directory, ["diff", "--name-only", "--diff-filter=U", "--"], ct: ct).ConfigureAwait(false)).StandardOutput;
        await RunAsync(directory, ["revert", "--abort"], throwOnError: false, ct: ct).ConfigureAwait(false);
        return (false, string.Join(", ", conflicts.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>Whether the working tree differs from HEAD.</summary>
    public async Task<bool> HasChangesAsync(string directory, CancellationToken ct) =>
        (await RunAsync(directory, ["status", "--porcelain", "--"], ct: ct).ConfigureAwait(false)).StandardOutput.Trim().Length > 0;

    /// <summary>The commit <paramref name="branch"/> points at on the remote, read with <c>ls-remote</c>; null when it cannot be read.</summary>
    public async Task<string?> RemoteHeadAsync(string directory, string branch, CancellationToken ct)
    {
        var url = await OriginAsync(directory, ct).ConfigureAwait(false);
        var result = await RunNetworkAsync(url, directory, ["ls-remote", "origin", $"refs/heads/{branch}"], ct).ConfigureAwait(false);
        if (IsTimeout(result))
            throw new ConfigRepoTimeoutException(url, "git ls-remote", bounds.Timeout);
        return result.ExitCode == 0 ? result.StandardOutput.Split('\t', 2)[0].Trim() : null;
    }

    async Task<string> OriginAsync(string directory, CancellationToken ct) =>
        (await RunAsync(directory, ["config", "--get", "remote.origin.url"], throwOnError: false, ct: ct).ConfigureAwait(false)).StandardOutput.Trim();

    /// <summary>
    /// Runs a command that only reads from the remote, retrying a few times when the connection drops (these are
    /// idempotent); the last result is returned, failed or not. A bound that passed is not retried: the peer that did not
    /// answer once gets no second bound's worth of waiting.
    /// </summary>
    async Task<ProcessResult> RunNetworkAsync(string url, string directory, IEnumerable<string> arguments, CancellationToken ct)
    {
        var list = arguments.ToList();
        for (var attempt = 1; ; attempt++)
        {
            ProcessResult result;
            try
            {
                result = await RunAsync(directory, list, network: true, throwOnError: false, ct: ct).ConfigureAwait(false);
            }
            catch (ProcessTimeoutException e)
            {
                throw new ConfigRepoTimeoutException(url, e.DisplayName, e.Timeout, e);
            }
            if (result.ExitCode == 0 || attempt >= NetworkAttempts || IsTimeout(result) || !IsTransportFailure(result))
                return result;
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>How many times a read from the remote is tried when the connection drops.</summary>
    const int NetworkAttempts = 4;

    /// <summary>The environment of a network command: the pins, the bounds, and the token header appended to the user's own
    /// <c>GIT_CONFIG_COUNT</c> entries (so those still apply).</summary>
    async Task<IReadOnlyDictionary<string, string?>> NetworkEnvironmentAsync(CancellationToken ct)
    {
        var environment = new Dictionary<string, string?>(GitEnvironment.Pinned);
        foreach (var (key, value) in bounds.HttpVariables())
            environment[key] = value;
        if (transport is null or GitTransport.Ssh && Inherited("GIT_SSH_COMMAND") is null && Inherited("GIT_SSH") is null
            && !await UserSshCommandAsync(ct).ConfigureAwait(false))
            environment["GIT_SSH_COMMAND"] = bounds.SshCommand();
        if (authHeader is { } header)
            AppendConfig(environment, [header]);
        return environment;
    }

    /// <summary>Appends <paramref name="entries"/> after the user's own <c>GIT_CONFIG_COUNT</c> entries, so those still apply and
    /// these, read last, win.</summary>
    void AppendConfig(Dictionary<string, string?> environment, IEnumerable<(string Key, string Value)> entries)
    {
        var count = int.TryParse(Inherited("GIT_CONFIG_COUNT"), out var given) && given > 0 ? given : 0;
        foreach (var (key, value) in entries)
        {
            environment[$"GIT_CONFIG_KEY_{count}"] = key;
            environment[$"GIT_CONFIG_VALUE_{count}"] = value;
            count++;
        }
        environment["GIT_CONFIG_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the user's git config sets <c>core.sshCommand</c>: then their ssh settings are theirs to keep.</summary>
    Task<bool> UserSshCommandAsync(CancellationToken ct) => userSshCommand ??= ReadAsync();

    async Task<bool> ReadAsync()
    {
        var result = await runner.RunAsync("git", ["config", "--get", "core.sshCommand"], Path.GetTempPath(), GitEnvironment.Pinned,
            noEcho: true, quiet: true, throwOnError: false).ConfigureAwait(false);
        return result.ExitCode == 0 && result.StandardOutput.Trim().Length > 0;
    }

    /// <summary>A variable of the environment git inherits: the runner's, else this process's.</summary>
    string? Inherited(string name) => runner.Environment is { } environment
        ? environment.GetValueOrDefault(name) is { Length: > 0 } value ? value : null
        : System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } own ? own : null;

    /// <summary><c>http.&lt;origin&gt;.extraHeader</c> for an http(s) remote, so the header never goes to another host.</summary>
    static string HeaderKey(string? remoteUrl) =>
        remoteUrl is not null && Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"http.{uri.Scheme}://{uri.Authority}/.extraHeader"
            : "http.extraHeader";

    Exception Failure(string url, string operation, string problem, ProcessResult result) =>
        IsTimeout(result)
            ? new ConfigRepoTimeoutException(url, operation, bounds.Timeout)
            : new ConfigRepoAccessException(url, $"{problem} ({LastLine(result)})");

    /// <summary>Whether git gave up because a bound passed: curl's low-speed check or ssh's connect or keep-alive timeout.</summary>
    static bool IsTimeout(ProcessResult result)
    {
        var output = result.StandardError + result.StandardOutput;
        string[] bounds = ["Operation too slow", "Connection timed out", "Operation timed out", "timed out during banner exchange", "Timeout, server"];
        return result.ExitCode != 0 && bounds.Any(b => output.Contains(b, StringComparison.Ordinal));
    }

    static bool IsTransportFailure(ProcessResult result)
    {
        var output = result.StandardError + result.StandardOutput;
        string[] drops = ["hung up unexpectedly", "early EOF", "Connection reset", "connection reset", "unexpected disconnect", "Broken pipe",
            "fetch-pack: invalid index-pack output", "index-pack failed", "Could not read from remote repository", "unable to connect", "protocol error"];
        return drops.Any(d => output.Contains(d, StringComparison.Ordinal));
    }

    /// <summary>The line that says what went wrong: git's first <c>fatal:</c>/<c>error:</c> line (what follows is advice), else the last.</summary>
    string LastLine(ProcessResult result)
    {
        var lines = (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("hint:", StringComparison.Ordinal)).ToList();
        var line = lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal))
            ?? lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
        return runner.Masker.Redact(line);
    }
}
