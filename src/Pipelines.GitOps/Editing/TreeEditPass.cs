namespace Pipelines.GitOps;

/// <summary>
/// One edit of a walked tree, shared by a few workers that take files in batches: each reads with its own buffer,
/// parses only the files that mention the image, and keeps the new bytes; nothing is written until every file is done.
/// </summary>
sealed class TreeEditPass(ConfigTree tree, ImageUpdate update)
{
    // Small enough to balance two workers on 1,000 files, large enough that taking a batch costs nothing.
    const int Batch = 32;

    readonly List<EditedManifest> edited = [];
    readonly List<KeyValuePair<string, GitOpsException>> refusals = [];
    int next;

    /// <summary>The files that change, in no particular order.</summary>
    public List<EditedManifest> Edited => edited;

    /// <summary>The refusals, by file.</summary>
    public List<KeyValuePair<string, GitOpsException>> Refusals => refusals;

    /// <summary>How many workers to use: up to one per core (at most four), fewer for a small tree.</summary>
    public static int Workers(int files) => Math.Clamp(Math.Min(Environment.ProcessorCount, 1 + files / 256), 1, 4);

    /// <summary>Takes batches of files until none are left.</summary>
    public void Work()
    {
        var reader = new ManifestReader();
        var files = tree.Files;
        List<EditedManifest>? mine = null;
        List<KeyValuePair<string, GitOpsException>>? refused = null;
        for (;;)
        {
            var start = Interlocked.Add(ref next, Batch) - Batch;
            if (start >= files.Count)
                break;
            var end = Math.Min(start + Batch, files.Count);
            for (var i = start; i < end; i++)
            {
                var path = files[i];
                try
                {
                    if (reader.ReadIfMentioned(tree, path, update, out var encoding) is not { } text)
                        continue;
                    var relative = tree.Relative(path);
                    var edit = ManifestEditor.Edit(relative, text, update);
                    if (edit.Changed)
                        (mine ??= []).Add(new EditedManifest(path, relative, encoding.Encode(edit.Text, reader.Bytes), reader.Bytes.Length, edit));
                }
                catch (GitOpsException ex)
                {
                    (refused ??= []).Add(new(tree.Relative(path), ex));
                }
            }
        }
        lock (edited)
        {
            if (mine is not null)
                edited.AddRange(mine);
            if (refused is not null)
                refusals.AddRange(refused);
        }
    }
}
