using Octokit;

namespace Pipelines.GitOps;

/// <summary>
/// Commits through GitHub's git-data API (blobs, trees, a commit, a ref), which GitHub signs and marks verified when it makes
/// the commit for an app with no custom author or committer. Every object is checked against the local one it recreates: git
/// object ids are content hashes, so equal ids mean byte-identical files and trees.
/// </summary>
public sealed partial class PullRequestPublisher
{
    /// <summary>Makes <paramref name="commit"/>'s change on GitHub on top of its parent and points <paramref name="branch"/> at
    /// it (created, or moved as a forced push would).</summary>
    /// <exception cref="GitHubCommitMismatchException">An object GitHub made differs from the local one.</exception>
    /// <exception cref="GitHubAccessException">GitHub refused the token or did not answer.</exception>
    internal async Task<GitHubCommit> CreateCommitAsync(string owner, string repository, string branch, LocalCommit commit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return await CallAsync(owner, repository, async () =>
        {
            foreach (var blob in commit.Blobs)
            {
                ct.ThrowIfCancellationRequested();
                var created = await github.Git.Blob.Create(owner, repository,
                    new NewBlob { Content = Convert.ToBase64String(blob.Content), Encoding = EncodingType.Base64 }).ConfigureAwait(false);
                if (created.Sha != blob.Sha)
                    throw new GitHubCommitMismatchException($"blob '{blob.Path}'", created.Sha, blob.Sha);
            }
            // Deepest first, each directory listed in full: the trees it names are made already or were in the parent.
            foreach (var tree in commit.Trees)
            {
                ct.ThrowIfCancellationRequested();
                var request = new NewTree();
                foreach (var entry in tree.Entries)
                    request.Tree.Add(new NewTreeItem { Path = entry.Name, Mode = entry.Mode, Type = TreeTypeOf(entry.Type), Sha = entry.Sha });
                var created = await github.Git.Tree.Create(owner, repository, request).ConfigureAwait(false);
                if (created.Sha != tree.Sha)
                    throw new GitHubCommitMismatchException(tree.Path.Length == 0 ? "the root tree" : $"tree '{tree.Path}'", created.Sha, tree.Sha);
            }
            ct.ThrowIfCancellationRequested();
            // No author or committer: GitHub signs only the commits it authors for the app itself.
            var made = await github.Git.Commit.Create(owner, repository, new NewCommit(commit.Message, commit.Tree, [commit.Parent])).ConfigureAwait(false);
            if (made.Tree.Sha != commit.Tree)
                throw new GitHubCommitMismatchException("a commit of tree", made.Tree.Sha, commit.Tree);
            await PointBranchAsync(owner, repository, branch, made.Sha).ConfigureAwait(false);
            return new GitHubCommit(made.Sha, made.Verification?.Verified ?? false, made.Verification?.Reason.StringValue);
        }).ConfigureAwait(false);
    }

    async Task PointBranchAsync(string owner, string repository, string branch, string sha)
    {
        Reference? existing;
        try
        {
            existing = await github.Git.Reference.Get(owner, repository, $"heads/{branch}").ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            existing = null;
        }
        if (existing is null)
            await github.Git.Reference.Create(owner, repository, new NewReference($"refs/heads/{branch}", sha)).ConfigureAwait(false);
        else
            // The pull request's branch is ours alone: it moves to the new commit as the forced push of the local path does.
            await github.Git.Reference.Update(owner, repository, $"heads/{branch}", new ReferenceUpdate(sha, force: true)).ConfigureAwait(false);
    }

    static TreeType TreeTypeOf(string type) => type switch
    {
        "tree" => TreeType.Tree,
        "commit" => TreeType.Commit,
        _ => TreeType.Blob,
    };
}
