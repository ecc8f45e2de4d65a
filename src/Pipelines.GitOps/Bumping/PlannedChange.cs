namespace Pipelines.GitOps;

/// <summary>A change applied to a checkout and ready to commit.</summary>
sealed record PlannedChange(string Subject, string Message, string Description, IReadOnlyList<FileEdit> Files);
