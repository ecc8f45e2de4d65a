namespace Pipelines.GitOps;

/// <summary>What an edit of a config tree did.</summary>
/// <param name="Files">The files whose references changed, sorted by path.</param>
/// <param name="Links">Links under the folder (to files with a manifest's name, or to folders) that were left as they are:
/// never read, entered or written through. Paths relative to the tree root, sorted.</param>
public sealed record ConfigTreeEdit(IReadOnlyList<FileEdit> Files, IReadOnlyList<string> Links);
