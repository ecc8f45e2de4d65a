namespace Pipelines.Planning;

/// <summary>What happened to a target in a run.</summary>
internal enum TargetStatus
{
    Pending,
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Collective,
}
