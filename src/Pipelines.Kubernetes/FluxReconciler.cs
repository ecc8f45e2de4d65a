using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// Asks Flux to reconcile now (the <c>reconcile.fluxcd.io/requestedAt</c> annotation, as <c>flux reconcile ks --with-source</c>
/// sets it) and waits until the config-repo commit is applied: the GitRepository's artifact has the commit, the Kustomization's
/// <c>lastAppliedRevision</c> ends in it with <c>Ready=True</c>, and a HelmRelease has a current <c>deployed</c> release.
/// Watches ride out API outages shorter than <paramref name="apiOutageTolerance"/> (30 s when null).
/// </summary>
public sealed class FluxReconciler(IKubernetes client, TimeProvider? clock = null, TimeSpan? apiOutageTolerance = null)
{
    /// <summary>The annotation Flux controllers compare with <c>status.lastHandledReconcileAt</c>.</summary>
    public const string RequestedAtAnnotation = "reconcile.fluxcd.io/requestedAt";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, string> _lastState = new();
    private readonly Lock _gate = new();

    /// <summary>The last seen state of each Flux object (for a timeout message).</summary>
    public IReadOnlyList<string> States { get { lock (_gate) return _lastState.Values.ToList(); } }

    /// <summary>Requests a reconcile and waits for the commit to be applied.</summary>
    /// <exception cref="FluxReconcileException">Flux failed to apply the commit; the message carries Flux's Ready message.</exception>
    public async Task<FluxResult> ReconcileAndWaitAsync(FluxWaitOptions options, IProgress<RolloutProgress>? progress = null, CancellationToken ct = default)
    {
        var started = _clock.GetTimestamp();
        var requestedAt = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string? applied = null, release = null;
        if (options.Kustomization is { } ks)
        {
            var kustomization = await GetAsync(FluxKind.Kustomization, ks, KubernetesInputs.FluxKustomization, ct).ConfigureAwait(false);
            var source = options.GitRepository ?? SourceOf(kustomization, ks);
            if (source is not null)
            {
                await GetAsync(FluxKind.GitRepository, source, KubernetesInputs.FluxGitRepository, ct).ConfigureAwait(false);
                await RequestAsync(FluxKind.GitRepository, source, requestedAt, ct).ConfigureAwait(false);
            }
            await RequestAsync(FluxKind.Kustomization, ks, requestedAt, ct).ConfigureAwait(false);
            // Source and Kustomization are watched together, so progress shows both and either's failure ends the wait.
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var kustomizationDone = WaitAsync(FluxKind.Kustomization, ks, o => EvaluateKustomization(o, options.Commit, requestedAt), progress, started, both.Token);
            var pending = new List<Task> { kustomizationDone };
            if (source is not null)
                pending.Add(WaitAsync(FluxKind.GitRepository, source, o => EvaluateSource(o, options.Commit, requestedAt), progress, started, both.Token));
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(finished);
                if (!finished.IsCompletedSuccessfully)
                {
                    await both.CancelAsync().ConfigureAwait(false);
                    await finished.ConfigureAwait(false);
                }
            }
            applied = (await kustomizationDone.ConfigureAwait(false)).StatusString("lastAppliedRevision");
        }
        if (options.HelmRelease is { } hr)
        {
            await GetAsync(FluxKind.HelmRelease, hr, KubernetesInputs.FluxHelmRelease, ct).ConfigureAwait(false);
            await RequestAsync(FluxKind.HelmRelease, hr, requestedAt, ct).ConfigureAwait(false);
            var done = await WaitAsync(FluxKind.HelmRelease, hr, o => EvaluateHelmRelease(o, requestedAt), progress, started, ct).ConfigureAwait(false);
            var latest = Latest(done);
            release = latest is { } l ? $"{FluxObject.Field(l, "chartName")?.GetString()}@{FluxObject.Field(l, "chartVersion")?.GetString()} v{FluxObject.Field(l, "version")}" : null;
        }
        return new FluxResult(applied, release, _clock.GetElapsedTime(started));
    }

    private sealed record Evaluation(bool Done, string Line, string? Failure = null);

    private static Evaluation EvaluateSource(FluxObject o, string? commit, string requestedAt)
    {
        var revision = FluxObject.Field(o.Status, "artifact") is { } artifact ? FluxObject.Field(artifact, "revision")?.GetString() : null;
        var ready = o.Condition("Ready");
        var handled = o.StatusString("lastHandledReconcileAt") == requestedAt;
        var line = $"artifact {revision ?? "none"}, Ready={ready?.Status ?? "Unknown"}{Message(ready)}";
        if (ready?.Status == "False" && handled)
            return new(false, line, $"cannot fetch the config repo: {ready.Value.Message}; fix the GitRepository's URL, ref or credentials");
        var done = commit is null ? handled && ready?.Status == "True" : FluxRevision.EndsInCommit(revision, commit);
        return new(done, line);
    }

    private static Evaluation EvaluateKustomization(FluxObject o, string? commit, string requestedAt)
    {
        var applied = o.StatusString("lastAppliedRevision");
        var attempted = o.StatusString("lastAttemptedRevision");
        var ready = o.Condition("Ready");
        var handled = o.StatusString("lastHandledReconcileAt") == requestedAt;
        var caughtUp = o.StatusNumber("observedGeneration") >= (o.Metadata.Generation ?? 0);
        var line = $"applied {applied ?? "nothing"}, attempted {attempted ?? "nothing"}, Ready={ready?.Status ?? "Unknown"}{Message(ready)}";
        var ours = commit is null ? handled : FluxRevision.EndsInCommit(attempted, commit);
        if (ready?.Status == "False" && ours)
            return new(false, line, $"failed to apply {attempted}: {ready.Value.Message}; fix the config repo and push again");
        var done = caughtUp && ready?.Status == "True" && (commit is null ? handled : FluxRevision.EndsInCommit(applied, commit));
        return new(done, line);
    }

    private static Evaluation EvaluateHelmRelease(FluxObject o, string requestedAt)
    {
        var ready = o.Condition("Ready");
        var caughtUp = o.StatusNumber("observedGeneration") >= (o.Metadata.Generation ?? 0);
        var handled = o.StatusString("lastHandledReconcileAt") == requestedAt;
        var latest = Latest(o);
        var latestStatus = latest is { } l ? FluxObject.Field(l, "status")?.GetString() : null;
        var latestDigest = latest is { } l2 ? FluxObject.Field(l2, "configDigest")?.GetString() : null;
        var currentDigest = o.StatusString("lastAttemptedConfigDigest");
        var digestCurrent = currentDigest is null || latestDigest == currentDigest;
        var line = $"generation {o.Metadata.Generation} observed {o.StatusNumber("observedGeneration")}, newest release {latestStatus ?? "none"}"
            + $"{(digestCurrent ? "" : " (older config)")}, Ready={ready?.Status ?? "Unknown"}{Message(ready)}";
        if (caughtUp && handled && ready?.Status == "False" && latestStatus == "failed")
            return new(false, line, $"release failed: {ready.Value.Message}; fix the chart or values in the config repo");
        return new(caughtUp && handled && ready?.Status == "True" && latestStatus == "deployed" && digestCurrent, line);
    }

    private static JsonElement? Latest(FluxObject o) =>
        FluxObject.Field(o.Status, "history") is { ValueKind: JsonValueKind.Array } h && h.GetArrayLength() > 0 ? h[0] : null;

    private static string Message((string Status, string Reason, string Message)? ready) =>
        ready is { Message.Length: > 0 } r ? $" ({r.Reason}: {r.Message})" : "";

    private async Task<FluxObject> WaitAsync(FluxKind kind, FluxObjectReference reference, Func<FluxObject, Evaluation> evaluate,
        IProgress<RolloutProgress>? progress, long started, CancellationToken ct)
    {
        var subject = kind.Describe(reference);
        var outcome = new TaskCompletionSource<FluxObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Observe(FluxObject o)
        {
            var e = evaluate(o);
            bool changed;
            lock (_gate)
            {
                changed = !_lastState.TryGetValue(subject, out var last) || last != $"{subject}: {e.Line}";
                _lastState[subject] = $"{subject}: {e.Line}";
            }
            if (changed) progress?.Report(new RolloutProgress(subject, e.Line, _clock.GetElapsedTime(started)));
            if (e.Failure is not null) outcome.TrySetException(new FluxReconcileException(FailureKind.Failure, null, $"{subject} {e.Failure}", $""));
            else if (e.Done) outcome.TrySetResult(o);
            return Task.CompletedTask;
        }
        var field = "metadata.name=" + reference.Name;
        var watch = new ResumableWatch<FluxObject>(
            async c =>
            {
                var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<FluxObjectList>(kind.Group, kind.Version, reference.Namespace, kind.Plural,
                    fieldSelector: field, cancellationToken: c).ConfigureAwait(false);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            (rv, onError, c) => Convert(client.CustomObjects.WatchListNamespacedCustomObjectAsync(kind.Group, kind.Version, reference.Namespace, kind.Plural,
                fieldSelector: field, resourceVersion: rv, allowWatchBookmarks: true, onError: onError, cancellationToken: c)),
            apiOutageTolerance ?? TimeSpan.FromSeconds(30));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = watch.RunAsync(async items => { foreach (var i in items) await Observe(i).ConfigureAwait(false); }, (_, o) => Observe(o), stop.Token);
        _ = running.ContinueWith(t => { if (t.Exception is { } e) outcome.TrySetException(e.InnerExceptions); }, TaskScheduler.Default);
        using (ct.Register(() => outcome.TrySetCanceled(ct)))
        {
            try
            {
                return await outcome.Task.ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try { await running.ConfigureAwait(false); } catch (OperationCanceledException) { } catch (Exception) { /* already reported */ }
            }
        }
    }

    private static async IAsyncEnumerable<(WatchEventType, FluxObject)> Convert(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            var json = item is JsonElement e ? e.GetRawText() : KubernetesJson.Serialize(item);
            yield return (type, KubernetesJson.Deserialize<FluxObject>(json));
        }
    }

    private async Task<FluxObject> GetAsync(FluxKind kind, FluxObjectReference reference, Input input, CancellationToken ct)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<FluxObject>(kind.Group, kind.Version, reference.Namespace, kind.Plural, reference.Name,
                cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FluxReconcileException(FailureKind.BadInput, input, $"{reference} does not exist", $"check `kubectl get {kind.Plural}.{kind.Group} -n {reference.Namespace}`");
        }
    }

    private Task RequestAsync(FluxKind kind, FluxObjectReference reference, string requestedAt, CancellationToken ct)
    {
        var patch = new V1Patch(new { metadata = new { annotations = new Dictionary<string, string> { [RequestedAtAnnotation] = requestedAt } } }, V1Patch.PatchType.MergePatch);
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, kind.Group, kind.Version, reference.Namespace, kind.Plural, reference.Name, cancellationToken: ct);
    }

    private static FluxObjectReference? SourceOf(FluxObject kustomization, FluxObjectReference ks)
    {
        if (FluxObject.Field(kustomization.Spec, "sourceRef") is not { } source) return null;
        if (FluxObject.Field(source, "kind")?.GetString() != "GitRepository") return null;
        var name = FluxObject.Field(source, "name")?.GetString();
        return name is null ? null : new FluxObjectReference(FluxObject.Field(source, "namespace")?.GetString() ?? ks.Namespace, name);
    }
}
