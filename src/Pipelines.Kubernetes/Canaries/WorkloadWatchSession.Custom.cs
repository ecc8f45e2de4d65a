using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>
/// The session's watch of a Rollout or a Canary: the object itself is watched, and each change is judged with what it drives
/// (a Rollout's referenced Deployment; a Canary's target and primary), read as the change arrives.
/// </summary>
internal sealed partial class WorkloadWatchSession
{
    private static readonly HashSet<string> AnalysingPhases = ["Waiting", "Progressing", "WaitingPromotion", "Promoting", "Finalising"];
    private readonly Dictionary<WorkloadReference, long> _failedChecks = new();
    private readonly HashSet<WorkloadReference> _analysed = new();

    private Task WatchCustomWorkloadAsync(WorkloadReference w, CancellationToken ct)
    {
        var resource = CustomWorkloadResource.For(w.Kind);
        var field = "metadata.name=" + w.Name;
        return new ResumableWatch<CustomWorkload>(
            c => ListCustomAsync(w, resource, field, c),
            (rv, err, c) => Decode(w, resource, client.CustomObjects.WatchListNamespacedCustomObjectAsync(resource.Group, resource.Version, w.Namespace, resource.Plural,
                fieldSelector: field, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c)),
            options.ApiOutageTolerance)
            .RunAsync(async items =>
            {
                var observed = new List<(WorkloadState, IDictionary<string, string>)>();
                foreach (var item in items) observed.Add(await ObserveCustomAsync(w, item, ct).ConfigureAwait(false));
                await OnListedAsync(w, observed).ConfigureAwait(false);
            }, async (type, item) => await OnEventAsync(w, type, await ObserveCustomAsync(w, item, ct).ConfigureAwait(false)).ConfigureAwait(false), ct);
    }

    private async Task<(IList<CustomWorkload> Items, string? ResourceVersion)> ListCustomAsync(WorkloadReference w, CustomWorkloadResource resource, string field, CancellationToken ct)
    {
        JsonElement list;
        try
        {
            list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(resource.Group, resource.Version, w.Namespace, resource.Plural,
                fieldSelector: field, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            throw new WorkloadNotFoundException(KubernetesInputs.Workload, $"{w}: the cluster does not serve {resource.Plural}.{resource.Group}",
                $"install {(w.Kind == WorkloadKind.Rollout ? "Argo Rollouts" : "Flagger")} in the cluster, or name the workload the app runs as");
        }
        var items = JsonFields.Items(list, "items").Select(i => Decode(w, resource, i.GetRawText())).ToList();
        return (items, JsonFields.Text(list, "metadata", "resourceVersion"));
    }

    private static async IAsyncEnumerable<(WatchEventType, CustomWorkload)> Decode(WorkloadReference w, CustomWorkloadResource resource, IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events.ConfigureAwait(false))
            yield return (type, Decode(w, resource, item is JsonElement e ? e.GetRawText() : KubernetesJson.Serialize(item)));
    }

    private static CustomWorkload Decode(WorkloadReference w, CustomWorkloadResource resource, string json)
    {
        try
        {
            return KubernetesJson.Deserialize<CustomWorkload>(json);
        }
        catch (JsonException e)
        {
            throw new ClusterAnswerException($"{w}: the API server sent a {resource.Kind} that cannot be read ({ControllerText.Clip(e.Message)})",
                $"check the {resource.Plural}.{resource.Group} resource definition the cluster serves", e);
        }
    }

    private Task<(WorkloadState, IDictionary<string, string>)> ObserveCustomAsync(WorkloadReference w, CustomWorkload o, CancellationToken ct) =>
        w.Kind == WorkloadKind.Rollout ? ObserveRolloutAsync(w, o, ct) : ObserveCanaryAsync(w, o, ct);

    private async Task<(WorkloadState, IDictionary<string, string>)> ObserveRolloutAsync(WorkloadReference w, CustomWorkload o, CancellationToken ct)
    {
        var images = TemplateImages(o.Spec);
        var selector = JsonFields.Labels(o.Spec, "selector", "matchLabels");
        // A Rollout may take its pod template from a Deployment (workloadRef): the image is there.
        if (JsonFields.At(o.Spec, "workloadRef") is { } reference && JsonFields.Text(reference, "kind") == "Deployment" && JsonFields.Text(reference, "name") is { Length: > 0 } name)
        {
            var deployment = await ReadOrNullAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(name, w.Namespace, cancellationToken: ct)).ConfigureAwait(false);
            images = deployment is null ? [] : ImagesOf(deployment.Spec.Template);
            if (selector.Count == 0 && deployment is not null) selector = Selector(deployment.Spec.Selector);
        }
        var status = o.Status;
        var state = new WorkloadState(w, Count(JsonFields.Number(o.Spec, "replicas") ?? 1), Count(JsonFields.Number(status, "updatedReplicas")),
            Count(JsonFields.Number(status, "readyReplicas")), Count(JsonFields.Number(status, "availableReplicas")),
            images.Any(options.Image.IsReferencedBy), ArgoRolloutStatus.Evaluate(o, clock.GetUtcNow()));
        return (state, selector);
    }

    private async Task<(WorkloadState, IDictionary<string, string>)> ObserveCanaryAsync(WorkloadReference w, CustomWorkload o, CancellationToken ct)
    {
        var kind = JsonFields.Text(o.Spec, "targetRef", "kind") ?? "Deployment";
        var name = JsonFields.Text(o.Spec, "targetRef", "name") ?? "";
        var primaryName = name + "-primary";
        V1PodTemplateSpec? target = null, primary = null;
        IDictionary<string, string> selector = new Dictionary<string, string>();
        RolloutVerdict? primaryVerdict = null;
        string? targetUid = null;
        int desired = 0, updated = 0, ready = 0, available = 0;
        if (kind == "Deployment" && name.Length > 0)
        {
            var t = await ReadOrNullAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(name, w.Namespace, cancellationToken: ct)).ConfigureAwait(false);
            var p = await ReadOrNullAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(primaryName, w.Namespace, cancellationToken: ct)).ConfigureAwait(false);
            (target, targetUid, selector) = (t?.Spec.Template, t?.Metadata.Uid, Selector(t?.Spec.Selector));
            if (p is not null)
                (primary, primaryVerdict, desired, updated, ready, available) = (p.Spec.Template, RolloutStatus.Evaluate(p), p.Spec.Replicas ?? 1,
                    p.Status?.UpdatedReplicas ?? 0, p.Status?.ReadyReplicas ?? 0, p.Status?.AvailableReplicas ?? 0);
        }
        else if (kind == "DaemonSet" && name.Length > 0)
        {
            var t = await ReadOrNullAsync(() => client.AppsV1.ReadNamespacedDaemonSetAsync(name, w.Namespace, cancellationToken: ct)).ConfigureAwait(false);
            var p = await ReadOrNullAsync(() => client.AppsV1.ReadNamespacedDaemonSetAsync(primaryName, w.Namespace, cancellationToken: ct)).ConfigureAwait(false);
            (target, selector) = (t?.Spec.Template, Selector(t?.Spec.Selector));
            if (p is not null)
                (primary, primaryVerdict, desired, updated, ready, available) = (p.Spec.Template, RolloutStatus.Evaluate(p), p.Status?.DesiredNumberScheduled ?? 0,
                    p.Status?.UpdatedNumberScheduled ?? 0, p.Status?.NumberReady ?? 0, p.Status?.NumberAvailable ?? 0);
        }
        var targetRunsImage = target is not null && UsesImage(target);
        var primaryRunsImage = primary is not null && UsesImage(primary);
        var phase = JsonFields.Text(o.Status, "phase") ?? "";
        long failedChecks;
        lock (_gate)
        {
            if (targetRunsImage && AnalysingPhases.Contains(phase))
            {
                _analysed.Add(w);
                // Flagger sets failedChecks back to zero as it marks the canary Failed: the count is kept from the analysis.
                _failedChecks[w] = Math.Max(_failedChecks.GetValueOrDefault(w), JsonFields.Number(o.Status, "failedChecks") ?? 0);
            }
            failedChecks = _failedChecks.GetValueOrDefault(w);
        }
        var current = phase == "Failed" && targetRunsImage && !primaryRunsImage
            && await FailedAfterRevisionAsync(w, o, kind, targetUid, selector, ct).ConfigureAwait(false);
        var targets = new CanaryTargets(kind, target is not null, targetRunsImage, primaryName, primaryRunsImage, primaryVerdict, current);
        var verdict = FlaggerCanaryStatus.Evaluate(o, targets, failedChecks);
        if (verdict.Error is not null && phase == "Failed")
            verdict = verdict with { Error = verdict.Error + await CanaryEventsAsync(w, ct).ConfigureAwait(false) };
        return (new WorkloadState(w, desired, updated, ready, available, targetRunsImage || kind is not ("Deployment" or "DaemonSet"), verdict), selector);
    }

    // Whether Flagger wrote Failed after the target took the image: Flagger cannot have judged a revision before its ReplicaSet
    // existed. Without ReplicaSets to go by (a DaemonSet target, or no right to list them), only an analysis seen in this wait counts.
    private async Task<bool> FailedAfterRevisionAsync(WorkloadReference w, CustomWorkload canary, string kind, string? targetUid, IDictionary<string, string> selector, CancellationToken ct)
    {
        var promoted = JsonFields.Condition(canary.Status, "Promoted");
        var failedAt = (promoted is { } c ? JsonFields.Time(c, "lastTransitionTime") ?? JsonFields.Time(c, "lastUpdateTime") : null)
            ?? JsonFields.Time(canary.Status, "lastTransitionTime");
        bool analysed;
        lock (_gate) analysed = _analysed.Contains(w);
        if (kind != "Deployment" || targetUid is null || failedAt is null || selector.Count == 0) return analysed;
        try
        {
            var sets = await client.AppsV1.ListNamespacedReplicaSetAsync(w.Namespace, labelSelector: string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}")),
                cancellationToken: ct).ConfigureAwait(false);
            var created = sets.Items
                .Where(rs => rs.Metadata.OwnerReferences?.Any(r => r.Uid == targetUid) == true && rs.Spec.Template is { } t && UsesImage(t))
                .Select(rs => rs.Metadata.CreationTimestamp).Where(t => t is not null).Select(t => new DateTimeOffset(DateTime.SpecifyKind(t!.Value, DateTimeKind.Utc)))
                .DefaultIfEmpty().Max();
            // Timestamps are whole seconds: within the same second as the revision, only an analysis seen in this wait makes it this revision's.
            var failedSecond = failedAt.Value.AddTicks(-(failedAt.Value.Ticks % TimeSpan.TicksPerSecond));
            return created == default ? analysed : failedSecond > created || analysed && failedSecond == created;
        }
        catch (HttpOperationException)
        {
            return analysed;
        }
    }

    // "; Rolling back shop.web failed checks threshold reached 5; last failed check: Halt shop.web advancement success rate 55.00% < 99%"
    private async Task<string> CanaryEventsAsync(WorkloadReference w, CancellationToken ct)
    {
        try
        {
            var list = await client.CoreV1.ListNamespacedEventAsync(w.Namespace,
                fieldSelector: $"involvedObject.name={w.Name},involvedObject.kind=Canary", cancellationToken: ct).ConfigureAwait(false);
            var warnings = list.Items.Where(e => e.Type == "Warning")
                .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp ?? DateTime.MinValue)
                .Select(e => e.Message ?? "").ToList();
            var rollback = warnings.LastOrDefault(m => m.StartsWith("Rolling back ", StringComparison.Ordinal));
            var check = warnings.LastOrDefault(m => m.StartsWith("Halt ", StringComparison.Ordinal));
            return (rollback is null ? "" : "; " + ControllerText.Clip(rollback)) + (check is null ? "" : "; last failed check: " + ControllerText.Clip(check));
        }
        catch (HttpOperationException)
        {
            return ""; // events are a courtesy; RBAC may not allow them
        }
    }

    private static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static List<string> TemplateImages(JsonElement spec) =>
        JsonFields.Items(spec, "template", "spec", "containers").Concat(JsonFields.Items(spec, "template", "spec", "initContainers"))
            .Select(c => JsonFields.Text(c, "image") ?? "").ToList();

    private static List<string> ImagesOf(V1PodTemplateSpec template) =>
        (template.Spec?.Containers ?? []).Concat(template.Spec?.InitContainers ?? []).Select(c => c.Image ?? "").ToList();

    private static int Count(long? value) => (int)Math.Clamp(value ?? 0, 0, int.MaxValue);

    private static string Remedy(WorkloadReference w) => w.Kind switch
    {
        WorkloadKind.Rollout => $"see `kubectl argo rollouts get rollout {w.Name} -n {w.Namespace}`",
        WorkloadKind.Canary => $"see `kubectl describe canary {w.Name} -n {w.Namespace}` and its events",
        _ => $"see `kubectl describe {w.Kind.ToString().ToLowerInvariant()} {w.Name} -n {w.Namespace}`",
    };
}
