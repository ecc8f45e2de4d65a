namespace Pipelines.Kubernetes;

/// <summary>
/// Verdicts on a Flagger Canary, from its phase (<c>pkg/apis/flagger/v1beta1/status.go</c>) and the workloads it drives. Flagger
/// analyses a new revision of the target and, when the analysis passes, copies it into <c>&lt;target&gt;-primary</c>, which then runs
/// the promoted image; on failure it scales the target to zero and the primary keeps the last promoted image. So the image is
/// rolled out when the analysis is over (Succeeded, or Initialized for a first deployment) and the primary runs it, rolled out to
/// the end. A Failed phase is this image's failure only when it was written after the target took the image; a return to the
/// promoted revision (a rollback) is not analysed by Flagger, and is done once the primary runs it. Waiting and WaitingPromotion are
/// approval gates: not done, and the wait goes on within its timeout.
/// </summary>
internal static class FlaggerCanaryStatus
{
    private static readonly string[] Phases =
        ["Initializing", "Initialized", "Waiting", "Progressing", "WaitingPromotion", "Promoting", "Finalising", "Succeeded", "Failed", "Terminating", "Terminated"];

    /// <param name="canary">The Canary.</param>
    /// <param name="targets">Its target and primary.</param>
    /// <param name="failedChecks">The most failed checks seen in this wait: Flagger resets the count to zero when it marks the canary Failed.</param>
    public static RolloutVerdict Evaluate(CustomWorkload canary, CanaryTargets targets, long failedChecks)
    {
        var status = canary.Status;
        var phase = ControllerText.Clip(JsonFields.Text(status, "phase"));
        var promoted = JsonFields.Condition(status, "Promoted") is { } c ? ControllerText.Clip(JsonFields.Text(c, "message")) : "";
        var line = promoted.Length > 0 ? $"{phase} - {promoted}" : phase;
        var target = $"{targets.TargetKind.ToLowerInvariant()}/{JsonFields.Text(canary.Spec, "targetRef", "name")}";
        if (targets.TargetKind is not ("Deployment" or "DaemonSet"))
            return new RolloutVerdict(true, "", $"the canary's target is a {targets.TargetKind}; only Deployment and DaemonSet targets can be followed");
        if (!targets.TargetFound)
            return new RolloutVerdict(false, $"waiting for its target {target} to exist");
        if (JsonFields.Flag(canary.Spec, "suspend"))
            return new RolloutVerdict(false, $"Suspended - Flagger skips a suspended canary{Phase(phase)}",
                Hold: $"`kubectl patch canary {canary.Metadata.Name} -n {canary.Metadata.NamespaceProperty} --type merge -p '{{\"spec\":{{\"suspend\":false}}}}'`");
        var threshold = JsonFields.Number(canary.Spec, "analysis", "threshold") is { } t && t > 0 ? t : 1;
        switch (phase)
        {
            case "":
                return new RolloutVerdict(false, "waiting for Flagger to initialize the canary");
            case "Initializing" or "Promoting" or "Finalising" or "Terminating":
                return new RolloutVerdict(false, line);
            case "Progressing":
                var checks = Math.Max(failedChecks, JsonFields.Number(status, "failedChecks") ?? 0);
                return new RolloutVerdict(false, $"{line} (canary weight {JsonFields.Number(status, "canaryWeight") ?? 0}, failed checks {checks}/{threshold}"
                    + $"{(JsonFields.Number(status, "iterations") is { } n && n > 0 ? $", iteration {n}" : "")})");
            case "Waiting" or "WaitingPromotion":
                var gate = phase == "Waiting" ? "confirm-rollout" : "confirm-promotion";
                return new RolloutVerdict(false, $"{line} (held by its {gate} webhook)", Hold: $"the canary's {gate} webhook approving it");
            case "Succeeded" or "Initialized":
                return Promoted(line, targets, target);
            case "Failed":
                if (targets.PrimaryRunsImage)
                    return Promoted($"Failed - the last analysis failed, and the primary {targets.PrimaryName} runs this image", targets, target);
                if (targets.TargetRunsImage && targets.FailureIsCurrent)
                    return new RolloutVerdict(false, line, failedChecks > 0 ? $"{line}; {failedChecks} failed checks of analysis threshold {threshold}" : line);
                return new RolloutVerdict(false, $"{line} (an earlier revision; waiting for Flagger to analyse the new revision of {target})");
            case "Terminated":
                return new RolloutVerdict(false, $"{line} (the canary was deleted; waiting for it to be created again)");
            default:
                return new RolloutVerdict(false, $"{line} (not a phase this version knows: {string.Join(", ", Phases)})");
        }
    }

    // The analysis is over: done once the primary runs the image and its own rollout is complete.
    private static RolloutVerdict Promoted(string line, CanaryTargets targets, string target)
    {
        if (!targets.TargetRunsImage || !targets.PrimaryRunsImage)
            return new RolloutVerdict(false, $"{line} (waiting for Flagger to analyse the new revision of {target})");
        if (targets.PrimaryVerdict is not { } primary)
            return new RolloutVerdict(false, $"{line} (waiting for the primary {targets.PrimaryName})");
        if (primary.Error is not null)
            return new RolloutVerdict(false, line, $"primary {targets.PrimaryName}: {primary.Error}");
        return primary.Done ? new RolloutVerdict(true, line) : new RolloutVerdict(false, $"{line} (primary {targets.PrimaryName}: {primary.Message.TrimEnd('.', ' ')})");
    }

    private static string Phase(string phase) => phase.Length > 0 ? $" (phase {phase})" : "";
}
