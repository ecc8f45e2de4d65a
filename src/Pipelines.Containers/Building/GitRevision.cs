using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>The commit a working tree is at, and whether tracked files have uncommitted changes.</summary>
/// <param name="Sha">The full commit SHA.</param>
/// <param name="ShortSha">Git's abbreviated SHA.</param>
/// <param name="IsDirty">True when tracked files differ from the commit.</param>
/// <param name="OriginUrl">The <c>origin</c> remote's URL, when there is one.</param>
/// <param name="CommitTime">The commit's committer time (used as the image's creation time, so rebuilds of a commit are reproducible).</param>
public sealed record GitRevision(string Sha, string ShortSha, bool IsDirty, string? OriginUrl, DateTimeOffset CommitTime)
{
    /// <summary>Reads the revision of the working tree at <paramref name="directory"/>.</summary>
    public static async Task<GitRevision> ReadAsync(ProcessRunner runner, string directory, CancellationToken ct = default)
    {
        async Task<ProcessResult> Git(bool throwOnError, params string[] args) =>
            await runner.RunAsync("git", args, directory, GitEnvironment.Pinned, noEcho: true, quiet: true, throwOnError: throwOnError, ct: ct).ConfigureAwait(false);

        var head = await Git(false, "rev-parse", "HEAD").ConfigureAwait(false);
        if (!head.Succeeded)
            throw new ContainerInputException(ContainerInputs.WorkingTree, $"'{directory}' is not a git working tree with a commit", $"commit first, or give the {ContainerInputs.ImageTag}");
        var shortSha = (await Git(true, "rev-parse", "--short", "HEAD").ConfigureAwait(false)).StandardOutput.Trim();
        // Untracked files are ignored: build outputs (artifacts/, bin/) would otherwise mark every CI tree dirty.
        var status = await Git(true, "status", "--porcelain", "--untracked-files=no", "--").ConfigureAwait(false);
        var origin = await Git(false, "remote", "get-url", "origin").ConfigureAwait(false);
        var time = (await Git(true, "log", "-1", "--format=%ct", "HEAD", "--").ConfigureAwait(false)).StandardOutput.Trim();
        return new GitRevision(head.StandardOutput.Trim(), shortSha, status.StandardOutput.Trim().Length > 0, origin.Succeeded ? origin.StandardOutput.Trim() : null,
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
