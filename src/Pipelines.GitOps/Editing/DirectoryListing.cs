using System.IO.Enumeration;

namespace Pipelines.GitOps;

/// <summary>
/// One pass over one folder's entries that collects its manifests and sub-folders, skipping hidden ones (<c>.git</c>).
/// Skipping links uses the type the directory entry itself carries, so it costs no call per file; telling a file link
/// apart any other way costs one <c>lstat</c> per file (measured: it tripled the cost of walking 10,000 files).
/// </summary>
sealed class DirectoryListing : FileSystemEnumerator<string?>
{
    static readonly EnumerationOptions WithoutLinks = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
    static readonly EnumerationOptions WithLinks = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    readonly List<string>? files;
    readonly List<string>? folders;

    DirectoryListing(string directory, bool skipLinks, List<string>? files, List<string>? folders)
        : base(directory, skipLinks ? WithoutLinks : WithLinks)
    {
        this.files = files;
        this.folders = folders;
    }

    /// <summary>How many manifests and sub-folders the pass saw.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the folder's manifests and sub-folders (never links) to the lists; returns how many it added.</summary>
    public static int Collect(string directory, List<string> files, List<string> folders) => Run(new(directory, true, files, folders));

    /// <summary>Counts the folder's manifests and sub-folders, links included.</summary>
    public static int CountWithLinks(string directory) => Run(new(directory, false, null, null));

    /// <summary>Adds the folder's manifests and sub-folders, links included, to <paramref name="entries"/>.</summary>
    public static void CollectWithLinks(string directory, List<string> entries) => Run(new(directory, false, entries, entries));

    static int Run(DirectoryListing listing)
    {
        using (listing)
        {
            while (listing.MoveNext())
            {
            }
            return listing.Count;
        }
    }

    /// <summary>Whether kustomize or Flux would read a file of this name as YAML.</summary>
    public static bool IsManifestName(ReadOnlySpan<char> name) =>
        name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) ||
        name.SequenceEqual("Kustomization") || name.SequenceEqual("kustomization");

    protected override bool ShouldIncludeEntry(ref FileSystemEntry entry)
    {
        if (entry.IsHidden)
            return false;
        if (entry.IsDirectory)
            folders?.Add(entry.ToFullPath());
        else if (IsManifestName(entry.FileName))
            files?.Add(entry.ToFullPath());
        else
            return false;
        Count++;
        // Nothing is yielded: the lists are the result, so no enumerator value is allocated per entry.
        return false;
    }

    protected override bool ShouldRecurseIntoEntry(ref FileSystemEntry entry) => false;

    // A reference-type result shares the framework's precompiled code for FileSystemEnumerator; a bool one was jitted
    // at every start of the process.
    protected override string? TransformEntry(ref FileSystemEntry entry) => null;
}
