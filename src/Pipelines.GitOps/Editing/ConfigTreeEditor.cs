namespace Pipelines.GitOps;

/// <summary>
/// Applies an <see cref="ImageUpdate"/> to every manifest under a folder. Files that do not mention the image are
/// never decoded or parsed. All edits are computed before any file is written, so a failure leaves the tree untouched.
/// The tree is untrusted: the folder must resolve inside the root, links are never followed (they are left as they are
/// and listed), and every file is read within <see cref="ManifestLimits"/>.
/// </summary>
public static class ConfigTreeEditor
{
    /// <summary>Rewrites the references under <paramref name="root"/>/<paramref name="path"/> and returns the edited files.</summary>
    /// <param name="root">The tree root (a config repo checkout); changes name files relative to it.</param>
    /// <param name="path">Sub-folder to edit, relative to <paramref name="root"/>; null or empty for the whole tree.</param>
    /// <param name="update">What to write.</param>
    /// <param name="write">False to compute the edits without writing them.</param>
    public static IReadOnlyList<FileEdit> Edit(string root, string? path, ImageUpdate update, bool write = true) =>
        EditTree(root, path, update, write).Files;

    /// <summary>Rewrites the references under <paramref name="root"/>/<paramref name="path"/>; returns the edited files
    /// and the links left as they are.</summary>
    /// <param name="root">The tree root (a config repo checkout); changes name files relative to it.</param>
    /// <param name="path">Sub-folder to edit, relative to <paramref name="root"/>; null or empty for the whole tree.</param>
    /// <param name="update">What to write.</param>
    /// <param name="write">False to compute the edits without writing them.</param>
    /// <exception cref="ConfigPathNotFoundException">The folder does not exist or leads outside the root.</exception>
    /// <exception cref="GitOpsException">A file that mentions the image cannot be edited (the first such file by path).</exception>
    public static ConfigTreeEdit EditTree(string root, string? path, ImageUpdate update, bool write = true)
    {
        Prepare();
        var (realRoot, folder) = ConfigTree.Resolve(root, path);
        if (!Directory.Exists(folder))
            throw new ConfigPathNotFoundException(path ?? "", "does not exist in the config repo");
        var pass = new TreeEditPass(realRoot, folder, update);
        var workers = TreeEditPass.Workers;
        OnWorkers(workers, pass.Work);
        if (pass.Refusals.Count > 0)
        {
            pass.Refusals.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
            throw pass.Refusals[0].Error;
        }
        var edited = pass.Edited;
        edited.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        if (write)
        {
            var next = -1;
            OnWorkers(edited.Count < 64 ? 1 : workers, () =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < edited.Count;)
                    edited[i].Write();
            });
        }
        var files = new FileEdit[edited.Count];
        for (var i = 0; i < files.Length; i++)
            files[i] = new FileEdit(edited[i].File, edited[i].Edit.Changes);
        pass.Links.Sort(StringComparer.Ordinal);
        return new ConfigTreeEdit(files, pass.Links);
    }

    /// <summary>
    /// Starts paying the first edit's one-time costs (YamlDotNet's set-up, the code ReadyToRun cannot hold) on a
    /// background thread, so they overlap what the caller does next, such as cloning the tree. Every edit starts it;
    /// calling it again does nothing, and nothing waits for it.
    /// </summary>
    public static void Prepare() => EditorWarmUp.Start();

    /// <summary>
    /// Runs <paramref name="work"/> on this thread and on up to <paramref name="workers"/> - 1 pool threads; the work
    /// takes from a shared queue, so this thread alone can finish it. A pool thread that has not started by then is not
    /// waited for (a caller may itself be a pool thread in a busy pool). Plain tasks, not <c>Parallel.For</c>, whose
    /// generic code is jitted at every start of a short process.
    /// </summary>
    static void OnWorkers(int workers, Action work)
    {
        if (workers <= 1)
        {
            work();
            return;
        }
        using var finished = new CancellationTokenSource();
        var others = new Task[workers - 1];
        for (var i = 0; i < others.Length; i++)
            others[i] = Task.Run(work, finished.Token);
        Exception? failure = null;
        try
        {
            work();
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finished.Cancel();
        // Every worker that started is waited for, so none still runs when the caller goes on. The wait does not throw:
        // a worker cancelled before it started is the common case on a busy pool, and a first exception in a short
        // process costs milliseconds (the runtime loads its stack-trace machinery), measured in the bump benchmark.
        foreach (var other in others)
        {
            other.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            if (other.IsFaulted)
                failure ??= other.Exception.InnerExceptions[0];
        }
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Lists the distinct references to <paramref name="repository"/> under the folder, in file order.</summary>
    /// <exception cref="ConfigPathNotFoundException">The folder does not exist or leads outside the root.</exception>
    public static IReadOnlyList<ImageReference> Find(string root, string? path, string repository)
    {
        Prepare();
        var probe = new ImageUpdate(ImageTarget.Create(repository, "_probe_"));
        var tree = ConfigTree.Open(root, path);
        tree.Files.Sort(StringComparer.Ordinal);
        var reader = new ManifestReader();
        var found = new List<ImageReference>();
        foreach (var file in tree.Files)
        {
            if (reader.ReadIfMentioned(tree.Root, default, file, probe, out _) is { } text)
                found.AddRange(ManifestEditor.Find(tree.Relative(file), text, repository));
        }
        return found.Distinct().ToList();
    }
}
