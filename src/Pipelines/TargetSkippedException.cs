namespace Pipelines;

/// <summary>
/// Thrown by a running target that finds it has nothing it can do here (a smoke test with no container engine): the target
/// ends as skipped, with <paramref name="reason"/> in the summary, and the targets after it run as after any skipped target.
/// </summary>
/// <param name="reason">A few words for the summary's status, e.g. "not smoke-tested"; details belong in a note.</param>
public sealed class TargetSkippedException(string reason) : Exception(reason)
{
    /// <summary>The words shown in the summary: <c>Skipped (reason)</c>.</summary>
    public string Reason { get; } = reason;
}
