namespace Pipelines.GitOps;

/// <summary>The outcome of scaffolding a config repo. Paths are relative to the target directory, with <c>/</c> separators.</summary>
/// <param name="TargetDirectory">The directory scaffolded into.</param>
/// <param name="WrittenFiles">Files created (or, in a dry run, that would be created).</param>
/// <param name="UnchangedFiles">Files that already existed with exactly the content the template would write.</param>
/// <param name="ConflictingFiles">Files that already existed with other content; left as they were.</param>
public sealed record ConfigRepoScaffold(
    string TargetDirectory,
    IReadOnlyList<string> WrittenFiles,
    IReadOnlyList<string> UnchangedFiles,
    IReadOnlyList<string> ConflictingFiles)
{
    /// <summary>True when at least one existing file differs from the template and was therefore not written.</summary>
    public bool HasConflicts => ConflictingFiles.Count > 0;

    /// <summary>Files not written because the file, or a folder on its way, is a link: left as they are, never read or
    /// written through.</summary>
    public IReadOnlyList<string> LinkedFiles { get; init; } = [];
}
