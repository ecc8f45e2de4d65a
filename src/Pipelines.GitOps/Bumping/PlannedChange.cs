namespace Pipelines.GitOps;

/// <summary>A change applied to a checkout and ready to commit; <paramref name="Image"/> is what the environment references
/// afterwards, when that is one image.</summary>
sealed record PlannedChange(string Subject, string Message, string Description, IReadOnlyList<FileEdit> Files, ImageReference? Image = null)
{
    /// <summary>Links in the folder the edit left as they are; no files means nothing to commit.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}
