using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>
/// Finds the Rollouts and Canaries of one namespace that run an image repository, and the Deployments and DaemonSets they drive:
/// a Rollout's <c>workloadRef</c> Deployment (kept at zero replicas by Argo Rollouts), a Canary's target and its
/// <c>&lt;target&gt;-primary</c> copy. Those are watched through their Rollout or Canary, not on their own. A cluster without
/// Argo Rollouts or Flagger (404) has none; a user not allowed to list them (403) is told so when nothing is found.
/// </summary>
internal sealed class CustomWorkloadDiscovery(IKubernetes client)
{
    /// <summary>What one namespace holds.</summary>
    public sealed record Found(IReadOnlyList<WorkloadReference> Workloads, IReadOnlySet<(string Kind, string Name)> Driven, IReadOnlyList<string> Unlisted);

    public async Task<Found> FindAsync(string ns, ExpectedImage image, IList<V1Deployment> deployments, IList<V1DaemonSet> daemons, CancellationToken ct)
    {
        var workloads = new List<WorkloadReference>();
        var driven = new HashSet<(string, string)>();
        var unlisted = new List<string>();
        bool Uses(IEnumerable<string> images) => images.Any(image.SharesRepository);
        static IEnumerable<string> Images(V1PodTemplateSpec? t) => (t?.Spec?.Containers ?? []).Concat(t?.Spec?.InitContainers ?? []).Select(c => c.Image ?? "");

        foreach (var rollout in await ListAsync(CustomWorkloadResource.Rollout, ns, unlisted, ct).ConfigureAwait(false))
        {
            var images = JsonFields.Items(rollout, "spec", "template", "spec", "containers").Concat(JsonFields.Items(rollout, "spec", "template", "spec", "initContainers"))
                .Select(c => JsonFields.Text(c, "image") ?? "").ToList();
            if (JsonFields.Text(rollout, "spec", "workloadRef", "kind") == "Deployment" && JsonFields.Text(rollout, "spec", "workloadRef", "name") is { } referenced)
            {
                driven.Add(("Deployment", referenced));
                images.AddRange(deployments.Where(d => d.Metadata.Name == referenced).SelectMany(d => Images(d.Spec.Template)));
            }
            if (Uses(images) && JsonFields.Text(rollout, "metadata", "name") is { } name)
                workloads.Add(new WorkloadReference(WorkloadKind.Rollout, ns, name));
        }
        foreach (var canary in await ListAsync(CustomWorkloadResource.Canary, ns, unlisted, ct).ConfigureAwait(false))
        {
            var kind = JsonFields.Text(canary, "spec", "targetRef", "kind");
            if (JsonFields.Text(canary, "spec", "targetRef", "name") is not { } target || JsonFields.Text(canary, "metadata", "name") is not { } name) continue;
            var images = kind switch
            {
                "Deployment" => deployments.Where(d => d.Metadata.Name == target).SelectMany(d => Images(d.Spec.Template)).ToList(),
                "DaemonSet" => daemons.Where(d => d.Metadata.Name == target).SelectMany(d => Images(d.Spec.Template)).ToList(),
                _ => [],
            };
            if (!Uses(images)) continue;
            workloads.Add(new WorkloadReference(WorkloadKind.Canary, ns, name));
            driven.Add((kind!, target));
            driven.Add((kind!, target + "-primary"));
        }
        return new Found(workloads, driven, unlisted);
    }

    private async Task<IEnumerable<JsonElement>> ListAsync(CustomWorkloadResource resource, string ns, List<string> unlisted, CancellationToken ct)
    {
        try
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(resource.Group, resource.Version, ns, resource.Plural,
                cancellationToken: ct).ConfigureAwait(false);
            return JsonFields.Items(list, "items");
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return []; // not installed
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            unlisted.Add($"{resource.Plural}.{resource.Group} in {ns}");
            return [];
        }
    }
}
