using Pipelines.Tooling;

namespace Pipelines.Components;

/// <summary>The git side of InitConfigRepo: a working tree to scaffold into, then one commit (pushed when cloned).</summary>
sealed class ScaffoldCommit(ProcessRunner tools, string branch, string userName, string userEmail)
{
    public async Task<string> PrepareAsync(ConfigRepoLocation target, CancellationToken ct)
    {
        if (!target.NeedsClone)
        {
            Directory.CreateDirectory(target.Url);
            if (!Directory.Exists(Path.Combine(target.Url, ".git")))
                await GitAsync(target.Url, ct, "init", "-q", "-b", branch).ConfigureAwait(false);
            return target.Url;
        }
        if (target.IsBare && !Directory.Exists(target.Url))
            await GitAsync(null, ct, "init", "-q", "--bare", "-b", branch, target.Url).ConfigureAwait(false);
        var clone = Path.Combine(Path.GetTempPath(), "pipelines-init-" + Guid.NewGuid().ToString("N")[..12]);
        await GitAsync(null, ct, "clone", "-q", target.Url, clone).ConfigureAwait(false);
        var remoteBranch = await tools.RunAsync("git", ["ls-remote", "--exit-code", "--heads", "origin", branch], clone,
            quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        if (remoteBranch.ExitCode == 0)
            await GitAsync(clone, ct, "checkout", "-q", "-B", branch, $"origin/{branch}").ConfigureAwait(false);
        else
            await GitAsync(clone, ct, "symbolic-ref", "HEAD", $"refs/heads/{branch}").ConfigureAwait(false);
        return clone;
    }

    /// <summary>Commits everything in <paramref name="workTree"/> (and pushes a clone); null when there was nothing to commit.</summary>
    public async Task<string?> CommitAsync(ConfigRepoLocation target, string workTree, string message, CancellationToken ct)
    {
        await GitAsync(workTree, ct, "add", "-A").ConfigureAwait(false);
        var status = await tools.RunAsync("git", ["status", "--porcelain"], workTree, quiet: true, ct: ct).ConfigureAwait(false);
        if (status.StandardOutput.Trim().Length == 0)
            return null;
        await GitAsync(workTree, ct, "-c", $"user.name={userName}", "-c", $"user.email={userEmail}", "commit", "-q", "-m", message).ConfigureAwait(false);
        if (target.NeedsClone)
            await GitAsync(workTree, ct, "push", "-q", "origin", $"HEAD:refs/heads/{branch}").ConfigureAwait(false);
        return (await tools.RunAsync("git", ["rev-parse", "HEAD"], workTree, quiet: true, ct: ct).ConfigureAwait(false)).StandardOutput.Trim();
    }

    public static void DeleteClone(string clone)
    {
        try { Directory.Delete(clone, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    Task GitAsync(string? directory, CancellationToken ct, params string[] arguments) =>
        tools.RunAsync("git", arguments, directory, quiet: true, ct: ct);
}
