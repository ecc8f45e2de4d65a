namespace Pipelines.GitOps;

/// <summary>
/// The folder of a clone a change reads and writes, resolved inside the clone, and its manifests, found by a walk that
/// never follows a link: links to folders are not entered and links to files are never opened. Both are listed in
/// <see cref="Links"/>, so a caller can say they were left as they are.
/// </summary>
sealed class ConfigTree
{
    ConfigTree(string root, string folder, List<string> files, List<string> links)
    {
        Root = root;
        Folder = folder;
        Files = files;
        Links = links;
    }

    /// <summary>The clone's root, links resolved.</summary>
    public string Root { get; }

    /// <summary>The folder walked, links resolved; inside <see cref="Root"/>.</summary>
    public string Folder { get; }

    /// <summary>Full paths of the manifests (regular files, never links) under the folder, in no particular order.</summary>
    public List<string> Files { get; }

    /// <summary>Links under the folder with a manifest's name or to a folder, relative to the root, sorted.</summary>
    public List<string> Links { get; }

    /// <summary>A file's path relative to the root, with '/' separators.</summary>
    public string Relative(string fullPath) => ClonePath.Under(Root, fullPath);

    /// <summary>Resolves and walks <paramref name="path"/> (relative to <paramref name="root"/>; the whole tree when empty).</summary>
    /// <exception cref="ConfigPathNotFoundException">The folder leads outside the root, or does not exist.</exception>
    public static ConfigTree Open(string root, string? path)
    {
        var (realRoot, folder) = Resolve(root, path);
        if (!Directory.Exists(folder))
            throw new ConfigPathNotFoundException(path ?? "", "does not exist in the config repo");
        var files = new List<string>();
        var links = new List<string>();
        Walk(realRoot, folder, files, links);
        links.Sort(StringComparer.Ordinal);
        return new ConfigTree(realRoot, folder, files, links);
    }

    /// <summary>The real root and the real folder <paramref name="path"/> names, refused when it leads outside the root.</summary>
    /// <param name="root">The clone's root.</param>
    /// <param name="path">The folder, relative to the root; the root itself when null or empty.</param>
    /// <exception cref="ConfigPathNotFoundException">The folder leads outside the root.</exception>
    public static (string Root, string Folder) Resolve(string root, string? path)
    {
        var realRoot = ClonePath.Resolve(Path.GetFullPath(root), out _) ?? throw new ConfigPathNotFoundException(root, "leads through a loop of links");
        if (string.IsNullOrEmpty(path))
            return (realRoot, realRoot);
        var folder = ClonePath.Resolve(Path.Join(realRoot, path), out var link);
        if (folder is null)
            throw new ConfigPathNotFoundException(path, "leads through a loop of links");
        if (!ClonePath.IsInside(realRoot, folder))
        {
            var through = link is not null && ClonePath.IsInside(realRoot, link) ? $" through the link '{ClonePath.Relative(realRoot, link)}'" : "";
            throw new ConfigPathNotFoundException(path, "leads outside the config repo" + through);
        }
        return (realRoot, folder);
    }

    static void Walk(string root, string top, List<string> files, List<string> links)
    {
        var pending = new Stack<string>();
        pending.Push(top);
        var folders = new List<string>();
        while (pending.TryPop(out var folder))
        {
            folders.Clear();
            ListFolder(root, folder, files, folders, links);
            foreach (var child in folders)
                pending.Push(child);
        }
    }

    /// <summary>Adds one folder's manifests and sub-folders (never links) to the lists, and its links to <paramref name="links"/>.</summary>
    public static void ListFolder(string root, string folder, List<string> files, List<string> folders, List<string> links)
    {
        var filesBefore = files.Count;
        var foldersBefore = folders.Count;
        var found = DirectoryListing.Collect(folder, files, folders);
        // Counting again with links costs one more read of the folder's entries, no call per file; only a folder where
        // the counts differ holds links, and only there are the names compared.
        if (DirectoryListing.CountWithLinks(folder) == found)
            return;
        var known = new HashSet<string>(files.GetRange(filesBefore, files.Count - filesBefore), StringComparer.Ordinal);
        known.UnionWith(folders.GetRange(foldersBefore, folders.Count - foldersBefore));
        var all = new List<string>();
        DirectoryListing.CollectWithLinks(folder, all);
        foreach (var entry in all)
        {
            if (!known.Contains(entry))
                links.Add(ClonePath.Relative(root, entry));
        }
    }
}
