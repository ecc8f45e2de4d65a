using System.Text.Json;

namespace Pipelines.Kubernetes;

/// <summary>
/// The verdicts of <c>kubectl argo rollouts status</c> on a Rollout: its phase as <c>GetRolloutPhase</c> reads it
/// (<c>utils/rollout/rolloututil.go</c>), which the command waits on until <c>Healthy</c> (done) or <c>Degraded</c> (failed, e.g. an
/// aborted canary), waiting through <c>Progressing</c> and <c>Paused</c> until its timeout. Each verdict also says where the
/// update is: for a canary the step, the weight and the analysis run; for a blue-green update the preview and active pod
/// hashes and the pre- or post-promotion analysis run; and how long a pause lasts or what ends an indefinite one.
/// </summary>
internal static class ArgoRolloutStatus
{
    /// <summary>The annotation the controller sets to the referenced workload's generation (<c>rollout.argoproj.io/workload-generation</c>).</summary>
    public const string WorkloadGenerationAnnotation = "rollout.argoproj.io/workload-generation";

    private static readonly string[] Phases = ["Healthy", "Degraded", "Progressing", "Paused"];

    public static RolloutVerdict Evaluate(CustomWorkload rollout, DateTimeOffset now)
    {
        var (phase, message) = Phase(rollout);
        message = ControllerText.Clip(message);
        var line = message.Length > 0 ? $"{phase} - {message}" : phase;
        switch (phase)
        {
            case "Healthy":
                return new RolloutVerdict(true, line);
            case "Degraded":
                return new RolloutVerdict(false, line, line + FailedAnalysis(rollout.Status, message));
            case "Paused":
            {
                var detail = Pause(rollout, now, out var hold);
                return new RolloutVerdict(false, line + Where(rollout, detail), Hold: hold);
            }
            case "Progressing":
                return new RolloutVerdict(false, line + Where(rollout, null));
            default:
                // A phase a newer controller may add: not done, and said as it is, so a timeout names it.
                return new RolloutVerdict(false, $"{line} (not a phase this version knows: {string.Join(", ", Phases)})");
        }
    }

    /// <summary><c>GetRolloutPhase</c>: the controller's phase, once it has observed the spec (and the referenced workload) and is not unpausing.</summary>
    private static (string Phase, string Message) Phase(CustomWorkload rollout)
    {
        var status = rollout.Status;
        var generation = rollout.Metadata.Generation ?? 0;
        // A non-numeric observedGeneration is a pre-0.10 hash: always counted as observed.
        if (JsonFields.Number(status, "observedGeneration") is { } observed && observed < generation)
            return ("Progressing", "waiting for rollout spec update to be observed");
        if (JsonFields.Flag(status, "controllerPause") && !JsonFields.Items(status, "pauseConditions").Any())
            return ("Progressing", "waiting for rollout to unpause");
        if (JsonFields.At(rollout.Spec, "workloadRef") is not null
            && rollout.Metadata.Annotations?.TryGetValue(WorkloadGenerationAnnotation, out var wanted) == true
            && JsonFields.Number(status, "workloadObservedGeneration") is { } seen && seen.ToString(System.Globalization.CultureInfo.InvariantCulture) != wanted)
            return ("Progressing", "waiting for rollout spec update to be observed for the reference workload");
        if (JsonFields.Text(status, "phase") is { Length: > 0 } phase)
            return (phase, JsonFields.Text(status, "message") ?? "");
        // Controllers before 1.0 leave the phase to clients; the failure and pause rules of CalculateRolloutPhase still apply.
        foreach (var c in JsonFields.Items(status, "conditions"))
        {
            if (JsonFields.Text(c, "type") == "InvalidSpec")
                return ("Degraded", $"InvalidSpec: {JsonFields.Text(c, "message")}");
            if (JsonFields.Text(c, "reason") is "RolloutAborted" or "ProgressDeadlineExceeded")
                return ("Degraded", $"{JsonFields.Text(c, "reason")}: {JsonFields.Text(c, "message")}");
        }
        if (JsonFields.Flag(rollout.Spec, "paused"))
            return ("Paused", "manually paused");
        if (JsonFields.Items(status, "pauseConditions").Select(p => JsonFields.Text(p, "reason")).FirstOrDefault() is { } reason)
            return ("Paused", reason);
        return ("Progressing", "waiting for the rollout controller to report a phase");
    }

    // Where each strategy keeps its analysis runs' status.
    private static readonly (string Strategy, string Field)[] AnalysisRuns =
    [
        ("canary", "currentStepAnalysisRunStatus"), ("canary", "currentBackgroundAnalysisRunStatus"),
        ("blueGreen", "prePromotionAnalysisRunStatus"), ("blueGreen", "postPromotionAnalysisRunStatus"),
    ];

    // " (step 1/4, weight 20, analysis run web-6c9f-1 Running)" or " (preview 7d9c, active 5f6b, analysis run … Running)":
    // where an update is, in the plugin's words.
    private static string Where(CustomWorkload rollout, string? pause)
    {
        var parts = new List<string>();
        if (JsonFields.At(rollout.Status, "blueGreen") is { } blueGreen && JsonFields.Text(blueGreen, "previewSelector") is { Length: > 0 } preview)
        {
            var active = JsonFields.Text(blueGreen, "activeSelector");
            parts.Add(preview == active ? $"active {ControllerText.Clip(active)}" : $"preview {ControllerText.Clip(preview)}, active {ControllerText.Clip(active ?? "none")}");
        }
        var steps = JsonFields.Items(rollout.Spec, "strategy", "canary", "steps").ToList();
        var index = JsonFields.Number(rollout.Status, "currentStepIndex");
        if (steps.Count > 0 && index is { } i)
        {
            parts.Add($"step {i}/{steps.Count}");
            // GetCurrentSetWeight: 0 once aborted, the last setWeight at or before the current step, 100 after the last step.
            var weight = JsonFields.Flag(rollout.Status, "abort") ? 0
                : i >= steps.Count ? 100
                : steps.Take((int)Math.Clamp(i + 1, 0, steps.Count)).Select(s => JsonFields.Number(s, "setWeight")).LastOrDefault(w => w is not null) ?? 0;
            parts.Add($"weight {weight}");
        }
        if (pause is not null) parts.Add(pause);
        foreach (var (strategy, run) in AnalysisRuns)
            if (JsonFields.At(rollout.Status, strategy, run) is { } ar && JsonFields.Text(ar, "name") is { } name)
                parts.Add($"analysis run {ControllerText.Clip(name)} {ControllerText.Clip(JsonFields.Text(ar, "status") ?? "Pending")}");
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    // How long a pause lasts: a canary pause step with a duration, and a blue-green pause with autoPromotionSeconds, resume by
    // themselves; every other pause waits for a person.
    private static string Pause(CustomWorkload rollout, DateTimeOffset now, out string? hold)
    {
        var promote = $"`kubectl argo rollouts promote {rollout.Metadata.Name} -n {rollout.Metadata.NamespaceProperty}`";
        hold = null;
        var blueGreenPause = JsonFields.Items(rollout.Status, "pauseConditions").FirstOrDefault(p => JsonFields.Text(p, "reason") == "BlueGreenPause");
        if (blueGreenPause.ValueKind == JsonValueKind.Object && !JsonFields.Flag(rollout.Spec, "paused")
            && JsonFields.Number(rollout.Spec, "strategy", "blueGreen", "autoPromotionSeconds") is long seconds and > 0 and <= int.MaxValue)
        {
            var after = TimeSpan.FromSeconds(seconds);
            var left = JsonFields.Time(blueGreenPause, "startTime") is { } start ? start + after - now : after;
            return $"auto-promotes {Format(after)} after the preview is ready, in {Format(left < TimeSpan.Zero ? TimeSpan.Zero : left)}";
        }
        var stepPause = JsonFields.Items(rollout.Status, "pauseConditions").FirstOrDefault(p => JsonFields.Text(p, "reason") == "CanaryPauseStep");
        if (stepPause.ValueKind == JsonValueKind.Object && !JsonFields.Flag(rollout.Spec, "paused"))
        {
            var steps = JsonFields.Items(rollout.Spec, "strategy", "canary", "steps").ToList();
            var step = JsonFields.Number(rollout.Status, "currentStepIndex") is { } i && i >= 0 && i < steps.Count ? steps[(int)i] : (JsonElement?)null;
            var duration = step is { } s ? PauseDuration.Of(JsonFields.At(s, "pause", "duration"), out _) : null;
            if (duration is { } d)
            {
                var left = JsonFields.Time(stepPause, "startTime") is { } start ? start + d - now : d;
                return $"pause {Format(d)}, resumes in {Format(left < TimeSpan.Zero ? TimeSpan.Zero : left)}";
            }
        }
        hold = promote;
        return $"paused until promoted with {promote}";
    }

    // "; AnalysisRun web-6c9f-2 Failed: <message>": the failed analysis, unless the phase's message already says it.
    private static string FailedAnalysis(JsonElement status, string message)
    {
        var parts = new List<string>();
        foreach (var (strategy, run) in AnalysisRuns)
        {
            if (JsonFields.At(status, strategy, run) is not { } ar || JsonFields.Text(ar, "status") is not ("Failed" or "Error" or "Inconclusive") || JsonFields.Text(ar, "name") is not { } name)
                continue;
            var arMessage = ControllerText.Clip(JsonFields.Text(ar, "message"));
            var part = $"AnalysisRun {ControllerText.Clip(name)} {JsonFields.Text(ar, "status")}";
            parts.Add(arMessage.Length > 0 && !message.Contains(arMessage, StringComparison.Ordinal) ? $"{part}: {arMessage}" : part);
        }
        return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{Math.Ceiling(t.TotalSeconds)}s";
}
