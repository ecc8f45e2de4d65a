using Pipelines.Targets;

namespace Pipelines.Planning;

/// <summary>One target in a plan, and then in a run: status, reason, duration and notes.</summary>
internal sealed class PlannedTarget(TargetModel model, bool invoked)
{
    public TargetModel Model { get; } = model;
    public string Name => Model.Name;

    /// <summary>Named on the command line (or a default target).</summary>
    public bool Invoked { get; } = invoked;

    /// <summary>Targets in this plan that must finish first.</summary>
    public List<PlannedTarget> Predecessors { get; } = [];

    public TargetStatus Status { get; set; }
    public string? Reason { get; set; }
    public TimeSpan? Duration { get; set; }
    public List<string> Notes { get; } = [];

    public string StatusText => Status switch
    {
        TargetStatus.Skipped => Reason is null ? "Skipped" : $"Skipped ({Reason})",
        TargetStatus.NotRun => "NotRun",
        _ => Status.ToString(),
    };
}
