namespace Pipelines.Kubernetes;

/// <summary>What a Flagger Canary's workloads show: its target (the workload Flux changes) and the primary copy Flagger promotes into.</summary>
/// <param name="TargetKind">The target's kind as <c>spec.targetRef.kind</c> says.</param>
/// <param name="TargetFound">The target exists.</param>
/// <param name="TargetRunsImage">The target's pod template references the expected image (Flux applied it).</param>
/// <param name="PrimaryName">The primary's name, <c>&lt;target&gt;-primary</c>.</param>
/// <param name="PrimaryRunsImage">The primary's pod template references the expected image (Flagger promoted it, or it was already there).</param>
/// <param name="PrimaryVerdict">kubectl's verdict on the primary's own rollout; null when it does not exist.</param>
/// <param name="FailureIsCurrent">A Failed phase was written after the target took the expected image: it is this revision's verdict.</param>
internal sealed record CanaryTargets(string TargetKind, bool TargetFound, bool TargetRunsImage, string PrimaryName, bool PrimaryRunsImage,
    RolloutVerdict? PrimaryVerdict, bool FailureIsCurrent);
