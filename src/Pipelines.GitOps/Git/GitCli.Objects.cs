namespace Pipelines.GitOps;

/// <summary>Reading a commit's objects exactly, so that another writer (GitHub's git-data API) can make the same tree.</summary>
public sealed partial class GitCli
{
    /// <summary>Reads <paramref name="commit"/> as a <see cref="LocalCommit"/>: what it changed relative to its first parent.</summary>
    internal async Task<LocalCommit> ReadCommitAsync(string directory, string commit, CancellationToken ct)
    {
        var parent = await RevParseAsync(directory, commit + "^", ct).ConfigureAwait(false);
        var tree = await RevParseAsync(directory, commit + "^{tree}", ct).ConfigureAwait(false);
        var raw = (await RunAsync(directory, ["cat-file", "commit", commit], ct: ct).ConfigureAwait(false)).StandardOutput;
        var message = raw[(raw.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];

        // -z: paths as they are, unquoted; -r: files, not directories; no renames: a rename is a deletion and an addition.
        var changes = Records((await RunAsync(directory, ["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", parent, commit, "--"], ct: ct)
            .ConfigureAwait(false)).StandardOutput);
        var directories = new HashSet<string>(StringComparer.Ordinal) { "" };
        var blobs = new List<LocalBlob>();
        for (var i = 0; i + 1 < changes.Length; i += 2)
        {
            var fields = changes[i].TrimStart(':').Split(' ');
            var path = changes[i + 1];
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                directories.Add(path[..slash]);
            // A deleted file (mode 000000) has no new content; a submodule (160000) points at a commit, which is no blob.
            if (fields.Length >= 4 && fields[1] is "100644" or "100755" or "120000")
                blobs.Add(new LocalBlob(path, fields[3], await ReadBlobAsync(directory, fields[3], ct).ConfigureAwait(false)));
        }

        var trees = new List<LocalTree>();
        foreach (var path in directories.OrderByDescending(d => d.Length == 0 ? 0 : d.Count(c => c == '/') + 1).ThenBy(d => d, StringComparer.Ordinal))
        {
            var treeish = $"{commit}:{path}";
            var listing = await RunAsync(directory, ["ls-tree", "-z", treeish], throwOnError: false, ct: ct).ConfigureAwait(false);
            // A directory whose every file was deleted is no longer in the tree: its parent's listing leaves it out.
            if (!listing.Succeeded)
                continue;
            var entries = Records(listing.StandardOutput).Select(Entry).ToList();
            trees.Add(new LocalTree(path, await RevParseAsync(directory, treeish, ct).ConfigureAwait(false), entries));
        }
        return new LocalCommit(commit, parent, tree, message, trees, blobs);
    }

    /// <summary>The exact bytes of blob <paramref name="sha"/>: <c>git unpack-file</c> writes them to a file unconverted (no
    /// line-end or filter conversion, which reading a working tree or a tool's text output would risk).</summary>
    async Task<byte[]> ReadBlobAsync(string directory, string sha, CancellationToken ct)
    {
        // Run inside the git directory, so the file lands there and never in the working tree.
        var gitDirectory = Path.Combine(directory, ".git");
        var name = (await RunAsync(gitDirectory, ["unpack-file", sha], ct: ct).ConfigureAwait(false)).StandardOutput.Trim();
        var file = Path.Combine(gitDirectory, name);
        try
        {
            return await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    async Task<string> RevParseAsync(string directory, string revision, CancellationToken ct) =>
        (await RunAsync(directory, ["rev-parse", "--verify", "--end-of-options", revision], ct: ct).ConfigureAwait(false)).StandardOutput.Trim();

    /// <summary>The NUL-terminated records of a <c>-z</c> listing. The runner reads output as lines, so the listing comes back
    /// with a line end after its last record, which is no part of it.</summary>
    static string[] Records(string output) =>
        (output.EndsWith('\n') ? output[..^1] : output).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One <c>ls-tree -z</c> record: <c>mode SP type SP sha TAB name</c>.</summary>
    static LocalTreeEntry Entry(string record)
    {
        var tab = record.IndexOf('\t');
        var fields = record[..tab].Split(' ');
        return new LocalTreeEntry(fields[0], fields[1], fields[2], record[(tab + 1)..]);
    }
}
