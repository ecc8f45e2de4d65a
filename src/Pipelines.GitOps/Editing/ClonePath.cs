namespace Pipelines.GitOps;

/// <summary>
/// Where a path of a clone really leads, links resolved one component at a time as the kernel resolves them, so a check
/// that it stays inside the clone is a check of what will be opened, not of how the path is spelt.
/// </summary>
static class ClonePath
{
    // The kernel gives up (ELOOP) after 40 links in one path; a longer chain is a loop or an attack.
    const int MaxLinks = 40;

    static readonly StringComparison NameComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    static readonly char[] Separators = ['/', '\\'];

    /// <summary>The path with every link in it resolved; null when links loop. <paramref name="firstLink"/> is the first
    /// link followed, if any. Components that do not exist are kept as they are.</summary>
    public static string? Resolve(string fullPath, out string? firstLink)
    {
        firstLink = null;
        var current = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>();
        PushSegments(pending, fullPath[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
                continue;
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                return null;
            firstLink ??= next;
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }
            PushSegments(pending, target);
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies under it (both already resolved).</summary>
    public static bool IsInside(string root, string path)
    {
        if (path.Equals(root, NameComparison))
            return true;
        if (!path.StartsWith(root, NameComparison))
            return false;
        return Path.EndsInDirectorySeparator(root) || path[root.Length] is '/' or '\\';
    }

    /// <summary>A path a walk of <paramref name="root"/> found, relative to it with '/' separators.</summary>
    public static string Under(string root, string path) =>
        // Every path a walk yields starts with the root and a separator; cutting it off is cheaper than comparing parts.
        path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == Path.DirectorySeparatorChar
            ? Slashed(path[(root.Length + 1)..])
            : Relative(root, path);

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> with '/' separators (for messages and changes).</summary>
    public static string Relative(string root, string path) => Slashed(Path.GetRelativePath(root, path));

    /// <summary>A relative path with '/' separators; on Unix a '\\' is part of a name and stays.</summary>
    public static string Slashed(string relative) => Path.DirectorySeparatorChar == '\\' ? relative.Replace('\\', '/') : relative;

    static void PushSegments(Stack<string> pending, string relative)
    {
        var segments = relative.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
            pending.Push(segments[i]);
    }
}
