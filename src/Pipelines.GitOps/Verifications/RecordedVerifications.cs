namespace Pipelines.GitOps;

/// <summary>
/// Reads the verification records of a clone's config branch (full history): the notes under <see cref="VerificationNotes.NotesRef"/>
/// are fetched, only notes on commits reachable from the branch are read, a note over <see cref="VerificationNotes.MaxNoteBytes"/> is not read
/// at all, and only lines that are well-formed records naming the very commit they are attached to count. Everything else is
/// counted as ignored, never trusted and never fatal: the notes ref is writable by whoever can push to the config repo.
/// </summary>
internal sealed class RecordedVerifications(GitCli git)
{
    // One line per object: id, type and size, so oversized notes are left unread.
    private const string SizeFormat = "%(objectname) %(objecttype) %(objectsize)";

    /// <summary>The records, and how many lines or notes were ignored.</summary>
    public sealed record Found(IReadOnlyList<VerificationRecord> Records, int Ignored);

    public async Task<Found> ReadAsync(string root, CancellationToken ct)
    {
        if (!await git.FetchRefAsync(root, VerificationNotes.NotesRef, VerificationNotes.NotesRef, ct).ConfigureAwait(false))
            return new Found([], 0);
        var listed = await git.RunAsync(root, ["notes", "--ref", VerificationNotes.NotesRef, "list"], ct: ct).ConfigureAwait(false);
        var notes = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).Select(p => (Blob: p[0].Trim(), Commit: p[1].Trim())).ToList();
        if (notes.Count == 0)
            return new Found([], 0);
        var reachable = (await git.RunAsync(root, ["rev-list", "HEAD", "--"], ct: ct).ConfigureAwait(false)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var ignored = notes.Count(n => !reachable.Contains(n.Commit));
        var onBranch = notes.Where(n => reachable.Contains(n.Commit)).ToList();
        if (onBranch.Count == 0)
            return new Found([], ignored);
        var sizes = await git.RunAsync(root, ["cat-file", "--batch-check=" + SizeFormat],
            input: string.Join('\n', onBranch.Select(n => n.Blob)) + "\n", ct: ct).ConfigureAwait(false);
        var small = sizes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .Where(p => p.Length == 3 && p[1] == "blob" && long.TryParse(p[2], System.Globalization.CultureInfo.InvariantCulture, out var size) && size <= VerificationNotes.MaxNoteBytes)
            .Select(p => p[0]).ToHashSet(StringComparer.Ordinal);
        var readable = onBranch.Where(n => small.Contains(n.Blob)).ToList();
        ignored += onBranch.Count - readable.Count;
        if (readable.Count == 0)
            return new Found([], ignored);
        var shown = await git.RunAsync(root, ["log", "--no-walk=unsorted", "--stdin", "--no-notes", "--notes=" + VerificationNotes.NotesRef, "--format=%H%x1f%N%x1e"],
            input: string.Join('\n', readable.Select(n => n.Commit)) + "\n", ct: ct).ConfigureAwait(false);
        var records = new List<VerificationRecord>();
        foreach (var entry in shown.StandardOutput.Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('\x1f', 2);
            if (parts.Length != 2) continue;
            foreach (var line in parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // A record copied onto another commit does not speak for that commit.
                if (VerificationRecord.TryParse(line, out _) is { } record && record.ConfigCommit == parts[0])
                    records.Add(record);
                else
                    ignored++;
            }
        }
        return new Found(records, ignored);
    }
}
