using k8s;
using k8s.Models;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// Finds what a verification watches and asks: the named workloads (or every Deployment, StatefulSet and DaemonSet in the
/// namespaces that uses the image's repository) with their selectors, and, when no Service is named, the one Service whose
/// selector matches their pods, with its only port (or the one named <c>http</c>).
/// </summary>
internal sealed class WorkloadLookup(IKubernetes client, string defaultNamespace)
{
    public async Task<IReadOnlyList<WatchedWorkload>> WorkloadsAsync(VerificationOptions options, CancellationToken ct)
    {
        var found = new List<WatchedWorkload>();
        if (options.Workloads.Count > 0)
        {
            foreach (var w in options.Workloads)
                found.Add(await ReadAsync(w, ct).ConfigureAwait(false));
            return found;
        }
        if (options.Image is not { } image)
            return found;
        foreach (var ns in options.Namespaces.Count > 0 ? options.Namespaces : [defaultNamespace])
        {
            bool Uses(V1PodTemplateSpec t) => (t.Spec?.Containers ?? []).Any(c => image.SharesRepository(c.Image ?? ""));
            var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            found.AddRange(deployments.Items.Where(d => Uses(d.Spec.Template)).Select(d => Watched(WorkloadKind.Deployment, ns, d.Metadata.Name, d.Spec.Selector, d.Spec.Template)));
            var sets = await client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            found.AddRange(sets.Items.Where(s => Uses(s.Spec.Template)).Select(s => Watched(WorkloadKind.StatefulSet, ns, s.Metadata.Name, s.Spec.Selector, s.Spec.Template)));
            var daemons = await client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            found.AddRange(daemons.Items.Where(d => Uses(d.Spec.Template)).Select(d => Watched(WorkloadKind.DaemonSet, ns, d.Metadata.Name, d.Spec.Selector, d.Spec.Template)));
        }
        return found;
    }

    public async Task<ServiceAddress> ServiceAsync(IReadOnlyList<WatchedWorkload> workloads, CancellationToken ct)
    {
        if (workloads.Count == 0)
            throw new KubernetesInputException(KubernetesInputs.VerifyService, $"was not given, and no workload was found to find it by",
                $"name the {KubernetesInputs.VerifyService} (namespace/name:port), the {KubernetesInputs.Workload}, or give a {KubernetesInputs.VerifyUrl}");
        var candidates = new List<(V1Service Service, WatchedWorkload Workload)>();
        foreach (var ns in workloads.Select(w => w.Reference.Namespace).Distinct())
        {
            var services = await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            foreach (var service in services.Items)
            {
                var selector = service.Spec?.Selector;
                if (selector is not { Count: > 0 }) continue;
                var selects = workloads.FirstOrDefault(w => w.Reference.Namespace == ns && selector.All(p => w.PodLabels.TryGetValue(p.Key, out var v) && v == p.Value));
                if (selects is not null) candidates.Add((service, selects));
            }
        }
        var names = string.Join(", ", workloads.Select(w => w.Reference.ToString()));
        if (candidates.Count != 1)
            throw new KubernetesInputException(KubernetesInputs.VerifyService,
                candidates.Count == 0 ? ErrorText.Of($"was not given, and no Service selects the pods of {names}")
                    : ErrorText.Of($"was not given, and {candidates.Count} Services select the pods of {names} ({string.Join(", ", candidates.Select(c => c.Service.Metadata.Name))})"),
                $"name it (namespace/name:port), or give a {KubernetesInputs.VerifyUrl}");
        var (chosen, _) = candidates[0];
        var ports = chosen.Spec.Ports ?? [];
        var port = ports.Count == 1 ? ports[0] : ports.FirstOrDefault(p => p.Name == "http");
        if (port is null)
            throw new KubernetesInputException(KubernetesInputs.VerifyService,
                $"was not given, and Service {chosen.Metadata.NamespaceProperty}/{chosen.Metadata.Name} has {ports.Count} ports, none named http",
                $"name the port: {chosen.Metadata.NamespaceProperty}/{chosen.Metadata.Name}:<port>");
        return new ServiceAddress(chosen.Metadata.NamespaceProperty, chosen.Metadata.Name,
            string.IsNullOrEmpty(port.Name) ? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : port.Name);
    }

    private async Task<WatchedWorkload> ReadAsync(WorkloadReference w, CancellationToken ct)
    {
        try
        {
            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    var d = await client.AppsV1.ReadNamespacedDeploymentAsync(w.Name, w.Namespace, cancellationToken: ct).ConfigureAwait(false);
                    return Watched(w.Kind, w.Namespace, w.Name, d.Spec.Selector, d.Spec.Template);
                case WorkloadKind.StatefulSet:
                    var s = await client.AppsV1.ReadNamespacedStatefulSetAsync(w.Name, w.Namespace, cancellationToken: ct).ConfigureAwait(false);
                    return Watched(w.Kind, w.Namespace, w.Name, s.Spec.Selector, s.Spec.Template);
                default:
                    var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync(w.Name, w.Namespace, cancellationToken: ct).ConfigureAwait(false);
                    return Watched(w.Kind, w.Namespace, w.Name, ds.Spec.Selector, ds.Spec.Template);
            }
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new WorkloadNotFoundException(KubernetesInputs.Workload, $"{w} does not exist",
                $"check the kind, namespace and name (`kubectl get {w.Kind.ToString().ToLowerInvariant()} -n {w.Namespace}`)");
        }
    }

    private static WatchedWorkload Watched(WorkloadKind kind, string ns, string name, V1LabelSelector? selector, V1PodTemplateSpec? template) =>
        new(new WorkloadReference(kind, ns, name),
            (IReadOnlyDictionary<string, string>?)selector?.MatchLabels?.AsReadOnly() ?? new Dictionary<string, string>(),
            (IReadOnlyDictionary<string, string>?)template?.Metadata?.Labels?.AsReadOnly() ?? new Dictionary<string, string>());
}
