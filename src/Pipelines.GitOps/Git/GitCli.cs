using System.Text;

namespace Pipelines.GitOps;

/// <summary>
/// The git commands a config-repo change needs, run through the shared <see cref="Pipelines.Tooling.ProcessRunner"/>
/// so every command line and output line is redacted. A token, when given, travels as an HTTP header, never in a URL.
/// </summary>
public sealed class GitCli
{
    readonly Pipelines.Tooling.ProcessRunner runner;
    readonly string[] authArguments = [];
    readonly string?[] secrets = [];
    static readonly Dictionary<string, string?> Environment = new()
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["LC_ALL"] = "C",
    };

    /// <summary>Creates a wrapper over <paramref name="runner"/>.</summary>
    /// <param name="runner">The process runner (and its secret masker).</param>
    /// <param name="token">An HTTPS token (e.g. a GitHub token) sent as basic auth to the remote; null for none.</param>
    public GitCli(Pipelines.Tooling.ProcessRunner runner, string? token = null)
    {
        this.runner = runner;
        if (!string.IsNullOrEmpty(token))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token));
            authArguments = ["-c", "http.extraHeader=Authorization: Basic " + basic];
            secrets = [token, basic];
        }
    }

    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    /// <param name="directory">Working directory.</param>
    /// <param name="arguments">Arguments after <c>git</c>.</param>
    /// <param name="network">Whether the command talks to the remote (then the token header is added).</param>
    /// <param name="input">Standard input.</param>
    /// <param name="throwOnError">Throw on a non-zero exit.</param>
    /// <param name="quiet">Do not stream output.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<Pipelines.Tooling.ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, bool network = false,
        string? input = null, bool throwOnError = true, bool quiet = true, CancellationToken ct = default) =>
        runner.RunAsync("git", network ? authArguments.Concat(arguments) : arguments, directory, Environment, secrets,
            noEcho: quiet, quiet: quiet, throwOnError: throwOnError, standardInput: input, ct: ct);

    /// <summary>Clones only <paramref name="branch"/> into <paramref name="directory"/>, shallow unless <paramref name="fullHistory"/>.</summary>
    public async Task CloneAsync(string url, string branch, string directory, bool fullHistory, CancellationToken ct)
    {
        List<string> arguments = ["clone", "--quiet", "--single-branch", "--no-tags", "--branch", branch];
        if (!fullHistory)
            arguments.AddRange(["--depth", "1"]);
        arguments.AddRange([url, directory]);
        var result = await RunNetworkAsync(Path.GetTempPath(), arguments, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new ConfigRepoAccessException(url, $"could not be cloned at branch '{branch}' ({LastLine(result)})");
    }

    /// <summary>Fetches <paramref name="branch"/> and resets the checkout to it, discarding local edits and commits.</summary>
    public async Task ResetToRemoteAsync(string directory, string branch, bool fullHistory, CancellationToken ct)
    {
        List<string> fetch = ["fetch", "--quiet", "--no-tags"];
        if (!fullHistory)
            fetch.AddRange(["--depth", "1"]);
        fetch.AddRange(["origin", $"+refs/heads/{branch}:refs/remotes/origin/{branch}"]);
        var result = await RunNetworkAsync(directory, fetch, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new ConfigRepoAccessException(
                (await RunAsync(directory, ["config", "--get", "remote.origin.url"], throwOnError: false, ct: ct).ConfigureAwait(false)).StandardOutput.Trim(),
                $"could not be fetched at branch '{branch}' ({LastLine(result)})");
        // Edits only ever touch tracked files, so a hard reset restores the clean state.
        await RunAsync(directory, ["reset", "--quiet", "--hard", $"origin/{branch}"], ct: ct).ConfigureAwait(false);
    }

    /// <summary>Commits every change to tracked files with <paramref name="message"/>; returns the new commit id.</summary>
    public async Task<string> CommitAllAsync(string directory, string message, GitIdentity identity, CancellationToken ct)
    {
        await RunAsync(directory,
            ["-c", "user.name=" + identity.Name, "-c", "user.email=" + identity.Email, "-c", "commit.gpgsign=false",
             "commit", "--quiet", "--all", "--no-verify", "--file", "-"], input: message, ct: ct).ConfigureAwait(false);
        return await HeadAsync(directory, ct).ConfigureAwait(false);
    }

    /// <summary>The checked-out commit id.</summary>
    public async Task<string> HeadAsync(string directory, CancellationToken ct) =>
        (await RunAsync(directory, ["rev-parse", "HEAD"], ct: ct).ConfigureAwait(false)).StandardOutput.Trim();

    /// <summary>The changes between <paramref name="from"/> and the working tree (or <paramref name="to"/>) as a unified diff.</summary>
    public async Task<string> DiffAsync(string directory, string from = "HEAD", string? to = null, CancellationToken ct = default) =>
        (await RunAsync(directory, ["diff", "--no-color", "--no-ext-diff", from, .. to is null ? Array.Empty<string>() : [to]], ct: ct).ConfigureAwait(false)).StandardOutput;

    /// <summary>Pushes HEAD to <paramref name="branch"/>; a race with another push is a <see cref="PushOutcome.Rejected"/>, not an error.</summary>
    public async Task<PushOutcome> PushAsync(string directory, string url, string branch, bool force, CancellationToken ct)
    {
        List<string> arguments = ["push", "--porcelain", "origin", $"{(force ? "+" : "")}HEAD:refs/heads/{branch}"];
        var result = await RunAsync(directory, arguments, network: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        if (result.ExitCode == 0)
            return PushOutcome.Pushed;
        var output = result.StandardOutput + result.StandardError;
        string[] races = ["[rejected]", "non-fast-forward", "fetch first", "cannot lock ref", "failed to update ref", "stale info", "[remote rejected]"];
        if (races.Any(r => output.Contains(r, StringComparison.Ordinal)))
            return PushOutcome.Rejected;
        if (IsTransportFailure(result))
            return PushOutcome.Interrupted;
        throw new ConfigRepoAccessException(url, $"refused the push to '{branch}' ({LastLine(result)})");
    }

    /// <summary>Reads the commits reachable from HEAD, newest first, with their trailers.</summary>
    public async Task<IReadOnlyList<GitCommit>> LogAsync(string directory, CancellationToken ct)
    {
        var output = (await RunAsync(directory, ["log", "--format=%H%x1f%B%x1e"], ct: ct).ConfigureAwait(false)).StandardOutput;
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
        var conflicts = (await RunAsync(directory, ["diff", "--name-only", "--diff-filter=U"], ct: ct).ConfigureAwait(false)).StandardOutput;
        await RunAsync(directory, ["revert", "--abort"], throwOnError: false, ct: ct).ConfigureAwait(false);
        return (false, string.Join(", ", conflicts.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>Whether the working tree differs from HEAD.</summary>
    public async Task<bool> HasChangesAsync(string directory, CancellationToken ct) =>
        (await RunAsync(directory, ["status", "--porcelain"], ct: ct).ConfigureAwait(false)).StandardOutput.Trim().Length > 0;

    /// <summary>The commit <paramref name="branch"/> points at on the remote, read with <c>ls-remote</c>; null when it cannot be read.</summary>
    public async Task<string?> RemoteHeadAsync(string directory, string branch, CancellationToken ct)
    {
        var result = await RunNetworkAsync(directory, ["ls-remote", "origin", $"refs/heads/{branch}"], ct).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.Split('\t', 2)[0].Trim() : null;
    }

    /// <summary>
    /// Runs a command that only reads from the remote, retrying a few times when the connection drops (these are
    /// idempotent); the last result is returned, failed or not.
    /// </summary>
    async Task<Pipelines.Tooling.ProcessResult> RunNetworkAsync(string directory, IEnumerable<string> arguments, CancellationToken ct)
    {
        var list = arguments.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var result = await RunAsync(directory, list, network: true, throwOnError: false, ct: ct).ConfigureAwait(false);
            if (result.ExitCode == 0 || attempt >= NetworkAttempts || !IsTransportFailure(result))
                return result;
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>How many times a read from the remote is tried when the connection drops.</summary>
    const int NetworkAttempts = 4;

    static bool IsTransportFailure(Pipelines.Tooling.ProcessResult result)
    {
        var output = result.StandardError + result.StandardOutput;
        string[] drops = ["hung up unexpectedly", "early EOF", "Connection reset", "connection reset", "unexpected disconnect", "Broken pipe",
            "fetch-pack: invalid index-pack output", "index-pack failed", "Could not read from remote repository", "unable to connect", "protocol error"];
        return drops.Any(d => output.Contains(d, StringComparison.Ordinal));
    }

    string LastLine(Pipelines.Tooling.ProcessResult result) => runner.Masker.Redact(
        (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("hint:", StringComparison.Ordinal)) ?? $"exit code {result.ExitCode}");
}
