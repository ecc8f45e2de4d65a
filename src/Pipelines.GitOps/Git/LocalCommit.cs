namespace Pipelines.GitOps;

/// <summary>A local commit as GitHub's git-data API needs it to make the same commit: its parent, tree and message, every
/// directory the change touched (deepest first) with its full listing, and the bytes of every file it wrote.</summary>
sealed record LocalCommit(string Sha, string Parent, string Tree, string Message, IReadOnlyList<LocalTree> Trees, IReadOnlyList<LocalBlob> Blobs);

/// <summary>One directory of a <see cref="LocalCommit"/>: its path (empty for the root), its object id and its entries.</summary>
sealed record LocalTree(string Path, string Sha, IReadOnlyList<LocalTreeEntry> Entries);

/// <summary>One entry of a directory, as <c>git ls-tree</c> lists it.</summary>
sealed record LocalTreeEntry(string Mode, string Type, string Sha, string Name);

/// <summary>A file the change wrote: its path, object id and exact bytes.</summary>
sealed record LocalBlob(string Path, string Sha, byte[] Content);
