using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// Checks a deployed app and lets it soak: requests it (through the API server's service proxy, or a URL) until a check
/// passes, within the grace period; then, for the soak, checks again every interval and watches its pods, failing at the
/// first failed check, container restart or readiness drop. Every request is bounded by the check timeout, every answer read
/// only up to the body bound, and the whole verification by <see cref="VerificationOptions.TotalBound"/>.
/// </summary>
public sealed class Verifier
{
    private readonly ClusterConnection? _cluster;
    private readonly TimeProvider _clock;

    /// <summary>A verifier that reaches the cluster through <paramref name="cluster"/> (null to check URLs only, without pods).</summary>
    public Verifier(ClusterConnection? cluster, TimeProvider? clock = null) => (_cluster, _clock) = (cluster, clock ?? TimeProvider.System);

    /// <summary>Verifies as <paramref name="options"/> say; <paramref name="progress"/> hears of every check.</summary>
    /// <exception cref="VerificationFailedException">A check failed; its <see cref="VerificationFailedException.Result"/> has every check.</exception>
    /// <exception cref="KubernetesInputException">An option is refused, or no Service can be found to check.</exception>
    public async Task<VerificationResult> VerifyAsync(VerificationOptions options, IProgress<VerificationCheck>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        if (options.App is not UrlEndpoint && _cluster is null)
            throw new KubernetesInputException(KubernetesInputs.VerifyUrl, $"is needed: there is no cluster to reach a Service through", $"give a {KubernetesInputs.Kubeconfig}, or the app's URL");
        using var total = CancellationTokenSource.CreateLinkedTokenSource(ct);
        total.CancelAfter(options.TotalBound);
        var run = new VerificationRun(options, progress, _clock);
        try
        {
            return await RunAsync(run, total.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (total.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw run.Failed($"did not end within its bound of {options.TotalBound} (grace, soak, an interval and two check timeouts)",
                $"check that the API server answers, or raise the {KubernetesInputs.VerifyCheckTimeout}", appAtFault: false);
        }
    }

    private async Task<VerificationResult> RunAsync(VerificationRun run, CancellationToken ct)
    {
        var options = run.Options;
        var lookup = _cluster is null ? null : new WorkloadLookup(_cluster.Client, _cluster.DefaultNamespace);
        var workloads = lookup is null ? [] : await lookup.WorkloadsAsync(options, ct).ConfigureAwait(false);
        run.Workloads = workloads.Select(w => w.Reference.ToString()).ToList();
        var app = options.App ?? VerificationEndpoint.Service(await lookup!.ServiceAsync(workloads, ct).ConfigureAwait(false));
        run.Target = app is UrlEndpoint url ? url.Address.ToString() : $"{app} {options.Path}";
        using var requester = new AppRequester(_cluster, options.CheckTimeout);
        var checks = new CheckSet(requester, app, options);

        // Until the first pass: the app may still be coming up behind its load balancer.
        var started = _clock.GetUtcNow();
        run.StartedAt = started;
        while (true)
        {
            var set = await checks.RunAsync(_clock, ct).ConfigureAwait(false);
            run.Add(set.Checks);
            if (set.Fatal is { } fatal)
                throw run.Failed($"{fatal.Detail}", $"{fatal.Remedy}", set.AppAtFault);
            if (set.Passed)
            {
                run.SoakStartedAt = set.Checks[0].At;
                run.SoakEndedAt = set.Checks[^1].At + set.Checks[^1].Duration;
                run.FirstPassAfter = run.SoakEndedAt - started;
                break;
            }
            if (_clock.GetUtcNow() - started + options.Interval > options.Grace)
                throw run.Failed($"{set.Checks.First(c => !c.Passed).Detail}, and had not passed once within the {options.Grace} grace period",
                    $"fix the app, or raise the {KubernetesInputs.VerifyGrace} if it is only slow to be reachable", set.AppAtFault);
            await Task.Delay(options.Interval, _clock, ct).ConfigureAwait(false);
        }
        if (options.Soak <= TimeSpan.Zero)
            return run.Result(passed: true);

        using var soak = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pods = _cluster is null || workloads.Count == 0 ? null : new PodHealthWatch(_cluster.Client, workloads, options.Image, options.ApiOutageTolerance);
        try
        {
            if (pods is not null)
                await pods.StartAsync(soak.Token).ConfigureAwait(false);
            var end = run.SoakStartedAt!.Value + options.Soak;
            var next = run.SoakStartedAt.Value + options.Interval;
            while (true)
            {
                var wait = (next < end ? next : end) - _clock.GetUtcNow();
                var trouble = pods?.Failure ?? Task.Delay(Timeout.Infinite, soak.Token);
                if (wait > TimeSpan.Zero)
                    await Task.WhenAny(Task.Delay(wait, _clock, soak.Token), trouble).ConfigureAwait(false);
                if (trouble.IsCompletedSuccessfully && pods is not null)
                {
                    var line = await pods.Failure.ConfigureAwait(false);
                    run.Add([new VerificationCheck(_clock.GetUtcNow(), "pods", false, ControlCharacters.Escape(line), TimeSpan.Zero)]);
                    throw run.Failed($"{line} during the soak, {Seconds(_clock.GetUtcNow() - run.SoakStartedAt.Value)} after the first passing check",
                        $"see `kubectl describe pod` and the container's logs (`kubectl logs --previous`)");
                }
                ct.ThrowIfCancellationRequested();
                var set = await checks.RunAsync(_clock, ct).ConfigureAwait(false);
                run.Add(set.Checks);
                if (!set.Passed)
                    throw run.Failed($"{set.Checks.First(c => !c.Passed).Detail}, {Seconds(set.Checks[0].At - run.SoakStartedAt.Value)} into the {options.Soak} soak",
                        $"fix the app before it is promoted; the check passed at first, so it fails later (load, memory, a dependency)", set.AppAtFault);
                run.SoakEndedAt = set.Checks[^1].At + set.Checks[^1].Duration;
                if (set.Checks[0].At >= end)
                    break;
                while (next <= _clock.GetUtcNow()) next += options.Interval;
            }
            if (pods is not null)
            {
                run.Digests = pods.Digests;
                run.Add([new VerificationCheck(_clock.GetUtcNow(), "pods", true,
                    $"{pods.ReadyAtStart} pod(s) of {string.Join(", ", run.Workloads)} stayed ready with no restart for {Seconds(run.Soaked)}", TimeSpan.Zero)]);
            }
            return run.Result(passed: true);
        }
        finally
        {
            await soak.CancelAsync().ConfigureAwait(false);
            if (pods is not null) await pods.StopAsync().ConfigureAwait(false);
        }
    }

    internal static string Seconds(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0}ms"
        : span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.0}s"
        : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
