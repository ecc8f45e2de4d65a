namespace Pipelines.GitOps;

/// <summary>
/// Bounds on what is read from a config repo, which anyone with write access to it controls. Each is far above what a
/// Kubernetes manifest needs (the API server takes at most 3 MiB in one request) and low enough that a hostile file
/// costs little time and memory before it is refused with <see cref="ManifestLimitException"/>.
/// </summary>
public static class ManifestLimits
{
    /// <summary>The largest file that is parsed. A larger one is refused when it mentions the image (it is then scanned
    /// in chunks, never held in memory whole) and otherwise skipped like any file that does not mention it.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>The deepest nesting of sequences and mappings, counted after aliases are expanded. Loading and walking a
    /// document recurse once per level, so this bound keeps them far from the end of a thread's stack (libyaml bounds
    /// nesting at the same depth).</summary>
    public const int MaxDepth = 1000;

    /// <summary>The most nodes one file may hold, counting an alias as every node it expands to, so an alias bomb
    /// ("billion laughs") is refused after a bounded amount of work.</summary>
    public const int MaxNodes = 500_000;
}
