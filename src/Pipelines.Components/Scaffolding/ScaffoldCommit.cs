using Pipelines.GitOps;
using Pipelines.Tooling;

namespace Pipelines.Components;

/// <summary>
/// The git side of InitConfigRepo: a working tree to scaffold into, then one commit (signed and verified when there is a
/// signer, pushed when cloned). git runs through <see cref="GitCli"/>, so the transports are pinned, the network commands
/// bounded and a token kept out of arguments.
/// </summary>
sealed class ScaffoldCommit(GitCli git, ConfigRepoLocation target, string branch, GitIdentity identity, CommitSigner? signer)
{
    /// <summary>Checks the URL and the branch against git's grammar, before any git call uses them.</summary>
    public async Task CheckAsync(ProcessRunner tools, CancellationToken ct)
    {
        if (target.IsRemote)
            GitRemoteUrl.Check(target.Url, GitOpsInputs.ConfigRepo);
        await GitRefName.CheckBranchAsync(tools, branch, GitOpsInputs.ConfigBranch, ct).ConfigureAwait(false);
    }

    public async Task<string> PrepareAsync(CancellationToken ct)
    {
        if (!target.NeedsClone)
        {
            Directory.CreateDirectory(target.Url);
            if (!Directory.Exists(Path.Combine(target.Url, ".git")))
                await GitAsync(target.Url, ct, "init", "-q", "-b", branch).ConfigureAwait(false);
            return target.Url;
        }
        if (target.IsBare && !Directory.Exists(target.Url))
            await GitAsync(Path.GetTempPath(), ct, "init", "-q", "--bare", "-b", branch, "--", target.Url).ConfigureAwait(false);
        var clone = Path.Combine(Path.GetTempPath(), "pipelines-init-" + Guid.NewGuid().ToString("N")[..12]);
        await git.RunAsync(Path.GetTempPath(), ["clone", "-q", "--", target.Url, clone], network: true, ct: ct).ConfigureAwait(false);
        var remoteBranch = await git.RunAsync(clone, ["ls-remote", "--exit-code", "--heads", "origin", $"refs/heads/{branch}"], network: true,
            throwOnError: false, ct: ct).ConfigureAwait(false);
        if (remoteBranch.ExitCode == 0)
            await GitAsync(clone, ct, "checkout", "-q", "-B", branch, $"origin/{branch}", "--").ConfigureAwait(false);
        else
            await GitAsync(clone, ct, "symbolic-ref", "HEAD", $"refs/heads/{branch}").ConfigureAwait(false);
        return clone;
    }

    /// <summary>Commits everything in <paramref name="workTree"/> (and pushes a clone); null when there was nothing to commit.</summary>
    public async Task<string?> CommitAsync(string workTree, string message, CancellationToken ct)
    {
        await GitAsync(workTree, ct, "add", "-A", "--", ".").ConfigureAwait(false);
        var status = await git.RunAsync(workTree, ["status", "--porcelain", "--"], ct: ct).ConfigureAwait(false);
        if (status.StandardOutput.Trim().Length == 0)
            return null;
        var commit = await git.CommitAllAsync(workTree, message, identity, signer, ct).ConfigureAwait(false);
        if (signer is not null)
            await git.VerifyCommitAsync(workTree, commit, signer, ct).ConfigureAwait(false);
        if (target.NeedsClone)
            await git.RunAsync(workTree, ["push", "-q", "origin", $"HEAD:refs/heads/{branch}"], network: true, ct: ct).ConfigureAwait(false);
        return commit;
    }

    public static void DeleteClone(string clone)
    {
        try { Directory.Delete(clone, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    Task GitAsync(string directory, CancellationToken ct, params string[] arguments) => git.RunAsync(directory, arguments, ct: ct);
}
