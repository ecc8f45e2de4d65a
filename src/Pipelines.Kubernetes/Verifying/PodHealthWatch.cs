using k8s;
using k8s.Models;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// Watches the pods of the verified workloads during the soak (list then watch, resumed through outages as the rollout wait
/// does) and fails at the first sign of trouble: a container's restart count goes up, a pod that was ready stops being
/// ready, or fewer pods are ready than when the soak began (a pod deleted and not yet replaced). Only pods that run the
/// verified image and are not terminating count.
/// </summary>
internal sealed class PodHealthWatch(IKubernetes client, IReadOnlyList<WatchedWorkload> workloads, ExpectedImage? image, TimeSpan outageTolerance)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Pod, string Container), int> _restarts = new();
    private readonly Dictionary<string, (WorkloadReference Workload, bool Ready)> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<WorkloadReference, int> _baseline = new();
    private readonly HashSet<string> _digests = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _watches = [];

    /// <summary>Completes with one line when a pod misbehaves (or the watch itself fails).</summary>
    public Task<string> Failure => _failure.Task;

    /// <summary>The digests the watched pods run.</summary>
    public IReadOnlyList<string> Digests { get { lock (_gate) return _digests.Order(StringComparer.Ordinal).ToList(); } }

    /// <summary>How many watched pods were ready when the soak began.</summary>
    public int ReadyAtStart { get { lock (_gate) return _baseline.Values.Sum(); } }

    /// <summary>Starts the watches and returns once every workload's pods were listed (the soak's baseline).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var listed = workloads.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        for (var i = 0; i < workloads.Count; i++)
        {
            var (workload, first) = (workloads[i], listed[i]);
            _watches.Add(WatchAsync(workload, first, ct));
        }
        await Task.WhenAny(Task.WhenAll(listed.Select(l => l.Task)), _failure.Task).ConfigureAwait(false);
    }

    /// <summary>Waits for the watches to end (after the caller's token is cancelled).</summary>
    public Task StopAsync() => Task.WhenAll(_watches);

    private async Task WatchAsync(WatchedWorkload workload, TaskCompletionSource listed, CancellationToken ct)
    {
        var ns = workload.Reference.Namespace;
        var selector = workload.LabelSelector;
        var watch = new ResumableWatch<V1Pod>(
            async c => { var l = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: c).ConfigureAwait(false); return (l.Items, l.Metadata?.ResourceVersion); },
            (rv, err, c) => client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: selector, resourceVersion: rv, allowWatchBookmarks: true, onError: err, cancellationToken: c),
            outageTolerance);
        try
        {
            await watch.RunAsync(pods =>
            {
                lock (_gate)
                {
                    var first = !_baseline.ContainsKey(workload.Reference);
                    foreach (var pod in pods) Observe(workload.Reference, pod, deleted: false);
                    if (first) _baseline[workload.Reference] = ReadyCount(workload.Reference);
                    else CheckCount(workload.Reference, null);
                }
                listed.TrySetResult();
                return Task.CompletedTask;
            }, (type, pod) =>
            {
                lock (_gate)
                {
                    Observe(workload.Reference, pod, type == WatchEventType.Deleted);
                    CheckCount(workload.Reference, type == WatchEventType.Deleted ? pod.Metadata.Name : null);
                }
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException)
        {
            _failure.TrySetResult($"the pods of {workload.Reference} could not be watched: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    // Called under the lock.
    private void Observe(WorkloadReference workload, V1Pod pod, bool deleted)
    {
        var name = pod.Metadata.Name;
        var counts = !deleted && pod.Metadata.DeletionTimestamp is null && RunsImage(pod);
        if (!counts)
        {
            _pods.Remove(name);
            return;
        }
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.ImageID is { } id && id.IndexOf("@sha256:", StringComparison.Ordinal) is var at and >= 0 && image?.IsReferencedBy(status.Image ?? "") != false)
                _digests.Add(id[(at + 1)..]);
            var key = (name, status.Name);
            if (_restarts.TryGetValue(key, out var before) && status.RestartCount > before)
            {
                var last = status.LastState?.Terminated is { } t ? $", last exit: {t.Reason ?? "code"} {t.ExitCode}" : "";
                _failure.TrySetResult($"pod {pod.Metadata.NamespaceProperty}/{name}: container {status.Name} restarted (restart count {before} → {status.RestartCount}{last})");
            }
            _restarts[key] = Math.Max(before, status.RestartCount);
        }
        var ready = IsReady(pod);
        if (_pods.TryGetValue(name, out var was) && was.Ready && !ready)
        {
            var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            var why = condition is { Reason: { Length: > 0 } reason } ? $" ({reason}{(string.IsNullOrEmpty(condition.Message) ? "" : ": " + condition.Message)})" : "";
            _failure.TrySetResult($"pod {pod.Metadata.NamespaceProperty}/{name} of {workload} is no longer ready{why}");
        }
        _pods[name] = (workload, ready);
    }

    // Called under the lock: fewer ready pods than at the start is a readiness drop, even when no single pod was seen dropping.
    private void CheckCount(WorkloadReference workload, string? deletedPod)
    {
        if (!_baseline.TryGetValue(workload, out var atStart)) return;
        var now = ReadyCount(workload);
        if (now < atStart)
            _failure.TrySetResult($"{workload} has {now} of {atStart} pods ready{(deletedPod is null ? "" : $" (pod {deletedPod} was deleted)")}");
    }

    private int ReadyCount(WorkloadReference workload) => _pods.Values.Count(p => p.Workload == workload && p.Ready);

    private bool RunsImage(V1Pod pod) =>
        image is null || (pod.Spec?.Containers ?? []).Any(c => image.IsReferencedBy(c.Image ?? ""));

    // kubelet's Ready condition; without conditions, a running pod whose containers are all ready.
    private static bool IsReady(V1Pod pod)
    {
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is { } ready)
            return ready.Status == "True";
        var statuses = pod.Status?.ContainerStatuses ?? [];
        return pod.Status?.Phase == "Running" && statuses.Count > 0 && statuses.All(s => s.Ready);
    }
}
