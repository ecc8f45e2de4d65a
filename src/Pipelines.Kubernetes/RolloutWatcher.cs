using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// Waits until the cluster runs the new image everywhere it should: optionally asks Flux to reconcile and waits for the commit,
/// then watches each workload until <c>kubectl rollout status</c> would say done and its pod template references the image —
/// or fails fast with the reason from the new pods, or times out with the state of every workload.
/// </summary>
public sealed class RolloutWatcher
{
    private readonly IKubernetes _client;
    private readonly string _defaultNamespace;
    private readonly TimeProvider _clock;

    /// <summary>A watcher on <paramref name="client"/>; <paramref name="defaultNamespace"/> is searched when no namespace is given.</summary>
    public RolloutWatcher(IKubernetes client, string defaultNamespace = "default", TimeProvider? clock = null)
        => (_client, _defaultNamespace, _clock) = (client, defaultNamespace, clock ?? TimeProvider.System);

    /// <summary>A watcher on an opened connection.</summary>
    public RolloutWatcher(ClusterConnection connection, TimeProvider? clock = null)
        : this(connection.Client, connection.DefaultNamespace, clock) { }

    /// <summary>Waits for the rollout described by <paramref name="options"/>; <paramref name="progress"/> hears of every change.</summary>
    /// <exception cref="RolloutTimeoutException">The timeout passed; the message lists every workload's state.</exception>
    /// <exception cref="PodFailureException">A new pod cannot become ready (image pull, crash loop, config error, unschedulable).</exception>
    /// <exception cref="RolloutFailedException">kubectl's verdict is a failure (e.g. progress deadline exceeded).</exception>
    /// <exception cref="FluxReconcileException">Flux could not apply the commit.</exception>
    /// <exception cref="WorkloadNotFoundException">No workload to watch.</exception>
    /// <exception cref="KubernetesInputException">A name in <paramref name="options"/> breaks RFC 1123 (checked before any request).</exception>
    public async Task<RolloutResult> WaitAsync(RolloutWaitOptions options, IProgress<RolloutProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var started = _clock.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var flux = new FluxReconciler(_client, _clock, options.ApiOutageTolerance);
        WorkloadWatchSession? session = null;
        try
        {
            FluxResult? fluxResult = null;
            if (options.Flux is { } f && (f.Kustomization is not null || f.HelmRelease is not null))
                fluxResult = await flux.ReconcileAndWaitAsync(f, progress, linked.Token).ConfigureAwait(false);
            var workloads = options.Workloads.Count > 0 ? options.Workloads : await DiscoverAsync(options, linked.Token).ConfigureAwait(false);
            session = new WorkloadWatchSession(_client, options, progress, _clock, started);
            var results = await session.RunAsync(workloads, linked.Token).ConfigureAwait(false);
            return new RolloutResult(options.Image, fluxResult, results, _clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var states = session?.States ?? [];
            var parts = flux.States.Concat(states.Select(s => s.ToString())).ToList();
            var problem = $"timed out after {options.Timeout} waiting for {options.Image}: {(parts.Count == 0 ? "nothing observed yet" : string.Join("; ", parts))}";
            // A paused canary or a closed approval gate does not move on by itself: say what moves it before "wait longer".
            if (states.FirstOrDefault(s => s.Verdict.Hold is not null && !s.IsComplete) is { } held)
                throw new RolloutTimeoutException($"{problem}", $"{held.Workload} waits for {held.Verdict.Hold}: do that, or raise the {KubernetesInputs.Timeout}", states);
            throw new RolloutTimeoutException($"{problem}", states);
        }
        catch (Exception silence) when (ApiBoundException.In(silence) is not null)
        {
            var e = ApiBoundException.In(silence)!;
            // Built apart, not in a conditional: an interpolated string there is a plain string, and its mention would be lost.
            ErrorText remedy = e.Bound is { } bound
                ? ErrorText.Of($"check the API server and the network path to it, or raise the {bound} if it is only slow")
                : ErrorText.Of($"check that the {KubernetesInputs.Kubeconfig} points at a Kubernetes API server");
            throw new ClusterAccessException($"the Kubernetes API at {_client.BaseUri} {e.Problem}", remedy, silence);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterAccessException($"the Kubernetes API at {_client.BaseUri} cannot be reached: {e.Message.ReplaceLineEndings(" ")}",
                $"check the {KubernetesInputs.Kubeconfig}, the {KubernetesInputs.KubeContext} and the network path to the cluster", e);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            var request = e.Request is null ? "a request" : $"{e.Request.Method} {e.Request.RequestUri?.AbsolutePath}";
            throw new ClusterAccessException($"the Kubernetes API at {_client.BaseUri} refused the credentials of the kubeconfig user (401 Unauthorized) for {request}",
                $"renew the user's token or certificate in the {KubernetesInputs.Kubeconfig}, or check the {KubernetesInputs.KubeContext}", e);
        }
        catch (HttpOperationException e)
        {
            var request = e.Request is null ? "a request" : $"{e.Request.Method} {e.Request.RequestUri?.PathAndQuery}";
            var transient = e.Response is { } r && TransientFailureRetryHandler.IsTransient(r.StatusCode);
            throw new ClusterAccessException(
                $"the Kubernetes API at {_client.BaseUri} answered {(int?)e.Response?.StatusCode} {e.Response?.ReasonPhrase} to {request}{(transient ? " through every retry" : "")}",
                transient ? ErrorText.Of($"check the cluster's health, then wait again") : ErrorText.Of($"check that the kubeconfig's user may get, list and watch it (RBAC)"), e);
        }
    }

    // Every Deployment, StatefulSet, DaemonSet, Rollout and Canary in the namespaces whose pod template uses the image's repository;
    // a Deployment or DaemonSet that a Rollout or Canary drives is watched through it.
    private async Task<IReadOnlyList<WorkloadReference>> DiscoverAsync(RolloutWaitOptions options, CancellationToken ct)
    {
        var namespaces = options.Namespaces.Count > 0 ? options.Namespaces : [_defaultNamespace];
        var found = new List<WorkloadReference>();
        var unlisted = new List<string>();
        var discovery = new CustomWorkloadDiscovery(_client);
        bool Uses(V1PodTemplateSpec t) => (t.Spec?.Containers ?? []).Concat(t.Spec?.InitContainers ?? []).Any(c => options.Image.SharesRepository(c.Image ?? ""));
        foreach (var ns in namespaces)
        {
            var deployments = await _client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            var sets = await _client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            var daemons = await _client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            var custom = await discovery.FindAsync(ns, options.Image, deployments.Items, daemons.Items, ct).ConfigureAwait(false);
            unlisted.AddRange(custom.Unlisted);
            found.AddRange(deployments.Items.Where(d => Uses(d.Spec.Template) && !custom.Driven.Contains(("Deployment", d.Metadata.Name)))
                .Select(d => new WorkloadReference(WorkloadKind.Deployment, ns, d.Metadata.Name)));
            found.AddRange(sets.Items.Where(s => Uses(s.Spec.Template)).Select(s => new WorkloadReference(WorkloadKind.StatefulSet, ns, s.Metadata.Name)));
            found.AddRange(daemons.Items.Where(d => Uses(d.Spec.Template) && !custom.Driven.Contains(("DaemonSet", d.Metadata.Name)))
                .Select(d => new WorkloadReference(WorkloadKind.DaemonSet, ns, d.Metadata.Name)));
            found.AddRange(custom.Workloads);
        }
        var forbidden = unlisted.Count == 0 ? "" : $" (the kubeconfig's user may not list {string.Join(", ", unlisted)})";
        return found.Count > 0 ? found : throw new WorkloadNotFoundException(KubernetesInputs.Namespace,
            $"{string.Join(", ", namespaces)} has no Deployment, StatefulSet, DaemonSet, Rollout or Canary that uses {options.Image.Repository}{forbidden}",
            $"give the app's {KubernetesInputs.Namespace}, or name the {KubernetesInputs.Workload} (kind/namespace/name)");
    }
}
