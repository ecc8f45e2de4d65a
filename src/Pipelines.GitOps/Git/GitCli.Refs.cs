using Pipelines.Tooling;

namespace Pipelines.GitOps;

public sealed partial class GitCli
{
    /// <summary>Fetches the remote's <paramref name="remoteRef"/> into <paramref name="localRef"/> (forced); false when the remote has no such ref.</summary>
    public async Task<bool> FetchRefAsync(string directory, string remoteRef, string localRef, CancellationToken ct)
    {
        var url = await OriginAsync(directory, ct).ConfigureAwait(false);
        var result = await RunNetworkAsync(url, directory, ["fetch", "--quiet", "--no-tags", "origin", $"+{remoteRef}:{localRef}"], ct).ConfigureAwait(false);
        if (result.ExitCode == 0)
            return true;
        if ((result.StandardError + result.StandardOutput).Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
            return false;
        throw Failure(url, "git fetch", $"could not be fetched at '{remoteRef}'", result);
    }

    /// <summary>Pushes <paramref name="localRef"/> to the remote's <paramref name="remoteRef"/> without forcing: another push that landed
    /// first is a <see cref="PushOutcome.Rejected"/>, not an error.</summary>
    public async Task<PushOutcome> PushRefAsync(string directory, string url, string localRef, string remoteRef, CancellationToken ct)
    {
        ProcessResult result;
        try
        {
            result = await RunAsync(directory, ["push", "--porcelain", "origin", $"{localRef}:{remoteRef}"], network: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        }
        catch (ProcessTimeoutException e)
        {
            throw new ConfigRepoTimeoutException(url, e.DisplayName, e.Timeout, e);
        }
        if (result.ExitCode == 0)
            return PushOutcome.Pushed;
        var output = result.StandardOutput + result.StandardError;
        string[] races = ["[rejected]", "non-fast-forward", "fetch first", "cannot lock ref", "failed to update ref", "stale info", "[remote rejected]"];
        if (races.Any(r => output.Contains(r, StringComparison.Ordinal)))
            return PushOutcome.Rejected;
        if (IsTimeout(result))
            throw new ConfigRepoTimeoutException(url, "git push", bounds.Timeout);
        if (IsTransportFailure(result))
            return PushOutcome.Interrupted;
        throw new ConfigRepoAccessException(url, $"refused the push to '{(remoteRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? remoteRef["refs/heads/".Length..] : remoteRef)}' ({LastLine(result)})");
    }

    /// <summary>The commit the remote's <paramref name="reference"/> points at, read with <c>ls-remote</c>; null when it has none.</summary>
    public async Task<string?> RemoteRefAsync(string directory, string reference, CancellationToken ct)
    {
        var url = await OriginAsync(directory, ct).ConfigureAwait(false);
        var result = await RunNetworkAsync(url, directory, ["ls-remote", "origin", reference], ct).ConfigureAwait(false);
        if (IsTimeout(result))
            throw new ConfigRepoTimeoutException(url, "git ls-remote", bounds.Timeout);
        var sha = result.ExitCode == 0 ? result.StandardOutput.Split('\t', 2)[0].Trim() : "";
        return sha.Length > 0 ? sha : null;
    }
}
