using k8s;
using k8s.Models;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// One wait over a set of workloads: a watch per workload (verdicts) and a pod watch per namespace (fail-fast diagnosis),
/// ending when all are complete or at the first failure.
/// </summary>
internal sealed partial class WorkloadWatchSession(IKubernetes client, RolloutWaitOptions options, IProgress<RolloutProgress>? progress, TimeProvider clock, long startedAt)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<WorkloadReference, WorkloadState> _states = new();
    private readonly Dictionary<WorkloadReference, IDictionary<string, string>> _selectors = new();
    private readonly Dictionary<WorkloadReference, WorkloadResult> _completed = new();
    private readonly HashSet<string> _reportedPods = new();
    private readonly TaskCompletionSource<IReadOnlyList<WorkloadResult>> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<WorkloadReference> _workloads = [];

    /// <summary>The current state of every workload (for a timeout message).</summary>
    public IReadOnlyList<WorkloadState> States
    {
        get
        {
            lock (_gate)
                return _workloads.Select(w => _states.TryGetValue(w, out var s) ? s
                    : new WorkloadState(w, 0, 0, 0, 0, false, new RolloutVerdict(false, "not observed yet"))).ToList();
        }
    }

    public async Task<IReadOnlyList<WorkloadResult>> RunAsync(IReadOnlyList<WorkloadReference> workloads, CancellationToken ct)
    {
        _workloads = workloads;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = workloads.Select(w => Guard(WatchWorkloadAsync(w, stop.Token)))
            .Concat(workloads.Select(w => w.Namespace).Distinct().Select(ns => Guard(WatchPodsAsync(ns, stop.Token))))
            .ToList();
        using (ct.Register(() => _outcome.TrySetCanceled(ct)))
        {
            try
            {
                return await _outcome.Task.ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
        }
    }

    private async Task Guard(Task watch)
    {
        try { await watch.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (Exception e) { _outcome.TrySetException(e); }
    }

    private Task WatchWorkloadAsync(WorkloadReference w, CancellationToken ct)
    {
        var field = "metadata.name=" + w.Name;
        return w.Kind switch
        {
            WorkloadKind.Deployment => new ResumableWatch<V1Deployment>(
                async c => { var l = await client.AppsV1.ListNamespacedDeploymentAsync(w.Namespace, fieldSelector: field, cancellationToken: c).ConfigureAwait(false); return (l.Items, l.Metadata?.ResourceVersion); },
                (rv, err, c) => client.AppsV1.WatchListNamespacedDeploymentAsync(w.Namespace, fieldSelector: field, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c), options.ApiOutageTolerance)
                .RunAsync(items => OnListedAsync(w, items.Select(d => Observe(w, d)).ToList()), (t, d) => OnEventAsync(w, t, Observe(w, d)), ct),
            WorkloadKind.StatefulSet => new ResumableWatch<V1StatefulSet>(
                async c => { var l = await client.AppsV1.ListNamespacedStatefulSetAsync(w.Namespace, fieldSelector: field, cancellationToken: c).ConfigureAwait(false); return (l.Items, l.Metadata?.ResourceVersion); },
                (rv, err, c) => client.AppsV1.WatchListNamespacedStatefulSetAsync(w.Namespace, fieldSelector: field, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c), options.ApiOutageTolerance)
                .RunAsync(items => OnListedAsync(w, items.Select(d => Observe(w, d)).ToList()), (t, d) => OnEventAsync(w, t, Observe(w, d)), ct),
            WorkloadKind.Rollout or WorkloadKind.Canary => WatchCustomWorkloadAsync(w, ct),
            _ => new ResumableWatch<V1DaemonSet>(
                async c => { var l = await client.AppsV1.ListNamespacedDaemonSetAsync(w.Namespace, fieldSelector: field, cancellationToken: c).ConfigureAwait(false); return (l.Items, l.Metadata?.ResourceVersion); },
                (rv, err, c) => client.AppsV1.WatchListNamespacedDaemonSetAsync(w.Namespace, fieldSelector: field, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c), options.ApiOutageTolerance)
                .RunAsync(items => OnListedAsync(w, items.Select(d => Observe(w, d)).ToList()), (t, d) => OnEventAsync(w, t, Observe(w, d)), ct),
        };
    }

    private Task OnListedAsync(WorkloadReference w, IReadOnlyList<(WorkloadState State, IDictionary<string, string> Selector)> items)
    {
        if (items.Count == 0)
        {
            bool seenBefore;
            lock (_gate) seenBefore = _states.ContainsKey(w);
            if (!seenBefore)
                _outcome.TrySetException(new WorkloadNotFoundException(KubernetesInputs.Workload, $"{w} does not exist",
                    $"check the kind, namespace and name (`kubectl get {w.Kind.ToString().ToLowerInvariant()} -n {w.Namespace}`)"));
            return Task.CompletedTask;
        }
        return OnEventAsync(w, WatchEventType.Modified, items[0]);
    }

    private Task OnEventAsync(WorkloadReference w, WatchEventType type, (WorkloadState State, IDictionary<string, string> Selector) observed)
    {
        var state = type == WatchEventType.Deleted
            ? observed.State with { Verdict = new RolloutVerdict(false, "deleted; waiting for it to be created again") }
            : observed.State;
        string? line = null;
        List<WorkloadResult>? done = null;
        lock (_gate)
        {
            if (!_states.TryGetValue(w, out var previous) || previous.ToString() != state.ToString()) line = state.ToString();
            _states[w] = state;
            _selectors[w] = observed.Selector;
            if (state.IsComplete && !_completed.ContainsKey(w))
                _completed[w] = new WorkloadResult(w, clock.GetElapsedTime(startedAt), state.Verdict.Message);
            else if (!state.IsComplete) _completed.Remove(w);
            if (_workloads.All(_completed.ContainsKey)) done = _workloads.Select(x => _completed[x]).ToList();
        }
        if (line is not null) progress?.Report(new RolloutProgress(w.ToString(), line, clock.GetElapsedTime(startedAt), state));
        if (state.RunsExpectedImage && state.Verdict.Error is { } error)
            _outcome.TrySetException(new RolloutFailedException($"{w}: {error}", $"{Remedy(w)}", state, States));
        if (done is not null) _outcome.TrySetResult(done);
        return Task.CompletedTask;
    }

    private Task WatchPodsAsync(string ns, CancellationToken ct) =>
        new ResumableWatch<V1Pod>(
            async c => { var l = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: c).ConfigureAwait(false); return (l.Items, l.Metadata?.ResourceVersion); },
            (rv, err, c) => client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c), options.ApiOutageTolerance)
            .RunAsync(async items => { foreach (var p in items) await InspectPodAsync(p, ct).ConfigureAwait(false); },
                (t, p) => t == WatchEventType.Deleted ? Task.CompletedTask : InspectPodAsync(p, ct), ct);

    private async Task InspectPodAsync(V1Pod pod, CancellationToken ct)
    {
        var owner = OwnerOf(pod);
        if (owner is null) return;
        var failure = PodFailureRules.Find(pod, options.CrashLoopRestarts, options.UnschedulableGrace, clock.GetUtcNow(), out var recheckAt);
        if (failure is null)
        {
            if (recheckAt is { } at) _ = RecheckLaterAsync(pod, at, ct);
            return;
        }
        lock (_gate)
            if (!_reportedPods.Add(pod.Metadata.Name)) return;
        var (container, reason, message) = failure.Value;
        var events = await LastEventsAsync(pod, ct).ConfigureAwait(false);
        var diagnosis = new PodDiagnosis(pod.Metadata.Name, container, reason, message, events);
        var advice = PodFailureRules.Advice(reason, pod.Metadata.Name, container, pod.Metadata.NamespaceProperty);
        _outcome.TrySetException(new PodFailureException($"{owner}: {diagnosis}", $"{advice}", owner, diagnosis, States));
    }

    private async Task RecheckLaterAsync(V1Pod pod, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            var delay = at - clock.GetUtcNow();
            if (delay > TimeSpan.Zero) await Task.Delay(delay, clock, ct).ConfigureAwait(false);
            var current = await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            await InspectPodAsync(current, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        catch (k8s.Autorest.HttpOperationException) { } // the pod is gone: nothing to report
    }

    // A pod counts when it belongs to a watched workload (selector) and runs the new image: a pod of the new revision.
    private WorkloadReference? OwnerOf(V1Pod pod)
    {
        var images = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).Select(c => c.Image ?? "");
        if (!images.Any(options.Image.IsReferencedBy)) return null;
        var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
        lock (_gate)
            return _workloads.FirstOrDefault(w => w.Namespace == pod.Metadata.NamespaceProperty
                && _selectors.TryGetValue(w, out var selector) && selector.Count > 0
                && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value));
    }

    private async Task<IReadOnlyList<string>> LastEventsAsync(V1Pod pod, CancellationToken ct)
    {
        try
        {
            var list = await client.CoreV1.ListNamespacedEventAsync(pod.Metadata.NamespaceProperty,
                fieldSelector: "involvedObject.name=" + pod.Metadata.Name, cancellationToken: ct).ConfigureAwait(false);
            return list.Items
                .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp ?? DateTime.MinValue)
                .TakeLast(5).Select(e => $"{e.Reason}: {e.Message}").ToList();
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return []; // events are a courtesy; RBAC may not allow them
        }
    }

    private (WorkloadState, IDictionary<string, string>) Observe(WorkloadReference w, V1Deployment d) =>
        (new WorkloadState(w, d.Spec.Replicas ?? 1, d.Status?.UpdatedReplicas ?? 0, d.Status?.ReadyReplicas ?? 0, d.Status?.AvailableReplicas ?? 0,
            UsesImage(d.Spec.Template), RolloutStatus.Evaluate(d)), Selector(d.Spec.Selector));

    private (WorkloadState, IDictionary<string, string>) Observe(WorkloadReference w, V1StatefulSet s) =>
        (new WorkloadState(w, s.Spec.Replicas ?? 1, s.Status?.UpdatedReplicas ?? 0, s.Status?.ReadyReplicas ?? 0, s.Status?.AvailableReplicas ?? 0,
            UsesImage(s.Spec.Template), RolloutStatus.Evaluate(s)), Selector(s.Spec.Selector));

    private (WorkloadState, IDictionary<string, string>) Observe(WorkloadReference w, V1DaemonSet d) =>
        (new WorkloadState(w, d.Status?.DesiredNumberScheduled ?? 0, d.Status?.UpdatedNumberScheduled ?? 0, d.Status?.NumberReady ?? 0, d.Status?.NumberAvailable ?? 0,
            UsesImage(d.Spec.Template), RolloutStatus.Evaluate(d)), Selector(d.Spec.Selector));

    private bool UsesImage(V1PodTemplateSpec template) =>
        (template.Spec?.Containers ?? []).Concat(template.Spec?.InitContainers ?? []).Any(c => options.Image.IsReferencedBy(c.Image ?? ""));

    private static IDictionary<string, string> Selector(V1LabelSelector? selector) =>
        selector?.MatchLabels ?? new Dictionary<string, string>();
}
