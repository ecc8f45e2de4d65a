namespace Pipelines.GitOps;

/// <summary>
/// One edit of a tree, shared by a few workers. The walk is part of the work: a worker lists a folder, queues its
/// sub-folders and its files in batches, and any worker takes the next batch or folder, so the walk runs on every
/// core and files are read while later folders are still being listed. Each worker reads with its own buffer, parses
/// only the files that mention the image, and keeps the new bytes; nothing is written until every file is done.
/// </summary>
sealed class TreeEditPass(string root, string folder, ImageUpdate update)
{
    // Small enough to balance two workers on 1,000 files, large enough that taking a batch costs nothing.
    const int Batch = 32;

    readonly object gate = new();
    readonly Stack<string> folders = new([folder]);
    readonly Queue<List<string>> batches = new();
    readonly List<string> links = [];
    readonly List<EditedManifest> edited = [];
    readonly List<Refusal> refusals = [];
    int listing;
    Exception? broken;

    /// <summary>The files that change, in no particular order.</summary>
    public List<EditedManifest> Edited => edited;

    /// <summary>The refusals, by file.</summary>
    public List<Refusal> Refusals => refusals;

    /// <summary>Links found under the folder, relative to the root, sorted once the pass is done.</summary>
    public List<string> Links => links;

    /// <summary>How many workers to use: one per core, at most four.</summary>
    public static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Takes folders and batches of files until none are left and no worker is still listing.</summary>
    public void Work()
    {
        var reader = new ManifestReader();
        List<EditedManifest>? mine = null;
        List<Refusal>? refused = null;
        try
        {
            while (Take(out var batch, out var next))
            {
                if (next is not null)
                    List(next);
                else
                    Edit(reader, batch!, ref mine, ref refused);
            }
        }
        catch (Exception ex)
        {
            lock (gate)
            {
                broken ??= ex;
                Monitor.PulseAll(gate);
            }
            throw;
        }
        lock (gate)
        {
            if (mine is not null)
                edited.AddRange(mine);
            if (refused is not null)
                refusals.AddRange(refused);
        }
    }

    /// <summary>The next batch, else the next folder to list; false when everything is taken and nothing more can come.</summary>
    bool Take(out List<string>? batch, out string? next)
    {
        lock (gate)
        {
            for (;;)
            {
                batch = null;
                next = null;
                if (broken is not null)
                    return false;
                if (batches.TryDequeue(out batch))
                    return true;
                if (folders.TryPop(out next))
                {
                    listing++;
                    return true;
                }
                if (listing == 0)
                    return false;
                // Another worker is listing a folder, which may bring more work.
                Monitor.Wait(gate);
            }
        }
    }

    void List(string next)
    {
        var files = new List<string>();
        var children = new List<string>();
        var found = new List<string>();
        try
        {
            ConfigTree.ListFolder(root, next, files, children, found);
        }
        finally
        {
            lock (gate)
            {
                listing--;
                foreach (var child in children)
                    folders.Push(child);
                for (var i = 0; i < files.Count; i += Batch)
                    batches.Enqueue(files.GetRange(i, Math.Min(Batch, files.Count - i)));
                links.AddRange(found);
                Monitor.PulseAll(gate);
            }
        }
    }

    void Edit(ManifestReader reader, List<string> batch, ref List<EditedManifest>? mine, ref List<Refusal>? refused)
    {
        // A batch holds files of one folder (see List), which are opened relative to it.
        using var folder = NoFollowFile.OpenFolder(Path.GetDirectoryName(batch[0])!);
        foreach (var path in batch)
        {
            try
            {
                if (reader.ReadIfMentioned(root, folder, path, update, out var encoding) is not { } text)
                    continue;
                var relative = ClonePath.Under(root, path);
                var edit = ManifestEditor.Edit(relative, text, update);
                if (edit.Changed)
                    (mine ??= []).Add(new EditedManifest(path, relative, encoding.Encode(edit.Text, reader.Bytes), reader.Bytes.Length, edit));
            }
            catch (GitOpsException ex)
            {
                (refused ??= []).Add(new Refusal(ClonePath.Under(root, path), ex));
            }
        }
    }

    /// <summary>A file the edit cannot go through with, and why.</summary>
    public sealed record Refusal(string File, GitOpsException Error);
}
