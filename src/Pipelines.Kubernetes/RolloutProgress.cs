namespace Pipelines.Kubernetes;

/// <summary>One change seen while waiting: a workload's counts, or a Flux object's state. Reported only when something changed.</summary>
/// <param name="Subject">What changed, e.g. <c>deployment/shop/web</c> or <c>kustomization/flux-system/apps</c>.</param>
/// <param name="Message">One line describing the new state.</param>
/// <param name="Elapsed">Time since the wait began.</param>
/// <param name="Workload">The workload's state, for workload changes.</param>
public sealed record RolloutProgress(string Subject, string Message, TimeSpan Elapsed, WorkloadState? Workload = null);
