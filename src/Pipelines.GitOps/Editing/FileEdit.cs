namespace Pipelines.GitOps;

/// <summary>A file whose image references changed.</summary>
/// <param name="Path">Path relative to the tree root, with '/' separators.</param>
/// <param name="Changes">The scalars that changed.</param>
public sealed record FileEdit(string Path, IReadOnlyList<ImageChange> Changes);
