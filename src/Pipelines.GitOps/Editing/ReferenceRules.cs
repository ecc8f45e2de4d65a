namespace Pipelines.GitOps;

/// <summary>Where image references live in workloads, HelmReleases and kustomizations, and how each shape is rewritten.</summary>
sealed class ReferenceRules(SpliceSet splices, ImageTarget image)
{
    static readonly HashSet<string> WorkloadKinds =
        ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController", "PodTemplate"];

    static readonly HashSet<string> ContainerKeys = ["containers", "initContainers", "ephemeralContainers"];

    public void Visit(ManifestMapping root)
    {
        var kind = ScalarValue(root, "kind");
        var apiVersion = ScalarValue(root, "apiVersion") ?? "";
        if (kind is null)
            return;
        if (WorkloadKinds.Contains(kind))
            VisitContainers(root);
        else if (kind == "HelmRelease" && (apiVersion.StartsWith("helm.toolkit.fluxcd.io/", StringComparison.Ordinal) ||
                                           apiVersion.StartsWith("helm.fluxcd.io/", StringComparison.Ordinal)))
        {
            if (Child(Child(root, "spec"), "values") is { } values)
                VisitHelmValues(values);
        }
        else if (kind == "Kustomization")
        {
            // kustomize.config.k8s.io keeps images at the root; Flux's Kustomization under spec.
            VisitKustomizeImages(Child(root, "images"));
            VisitKustomizeImages(Child(Child(root, "spec"), "images"));
        }
    }

    void VisitContainers(ManifestNode node)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                for (var i = 0; i < mapping.Count; i++)
                {
                    var value = mapping.Values[i];
                    if (mapping.Keys[i] is ManifestScalar { Value: var name } && ContainerKeys.Contains(name) && value is ManifestSequence containers)
                    {
                        foreach (var container in containers.Items)
                        {
                            if (container is ManifestMapping entry && entry["image"] is ManifestScalar reference)
                                RewriteReference(reference);
                        }
                    }
                    else
                        VisitContainers(value);
                }
                break;
            case ManifestSequence sequence:
                foreach (var item in sequence.Items)
                    VisitContainers(item);
                break;
        }
    }

    void VisitHelmValues(ManifestNode node)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                for (var i = 0; i < mapping.Count; i++)
                {
                    var value = mapping.Values[i];
                    var isImage = mapping.Keys[i] is ManifestScalar { Value: "image" };
                    if (isImage && value is ManifestScalar reference)
                        RewriteReference(reference);
                    else if (isImage && value is ManifestMapping parts && parts["repository"] is ManifestScalar)
                        RewriteHelmImage(parts);
                    else
                        VisitHelmValues(value);
                }
                break;
            case ManifestSequence sequence:
                foreach (var item in sequence.Items)
                    VisitHelmValues(item);
                break;
        }
    }

    void RewriteReference(ManifestScalar node)
    {
        var current = ImageReference.Parse(node.Value);
        if (current.Repository != image.Repository || !splices.Matched(current))
            return;
        var digest = current.Digest is null ? null : splices.RequireDigest(node, node.Value, image);
        splices.Replace(node, new ImageReference(image.Repository, image.Tag, digest).ToString());
    }

    void RewriteHelmImage(ManifestMapping parts)
    {
        var registry = ScalarValue(parts, "registry");
        var repository = ScalarValue(parts, "repository")!;
        var full = string.IsNullOrEmpty(registry) ? repository : registry.TrimEnd('/') + "/" + repository;
        var tag = Child(parts, "tag") as ManifestScalar;
        var digest = Child(parts, "digest") as ManifestScalar;
        if (full != image.Repository || !splices.Matched(new ImageReference(full, tag?.Value, NullIfEmpty(digest?.Value))))
            return;
        RewriteTagAndDigest(parts, tag, "tag", digest);
    }

    void VisitKustomizeImages(ManifestNode? node)
    {
        if (node is not ManifestSequence entries)
            return;
        foreach (var item in entries.Items)
        {
            if (item is not ManifestMapping entry)
                continue;
            var effective = ScalarValue(entry, "newName") ?? ScalarValue(entry, "name");
            var tag = Child(entry, "newTag") as ManifestScalar;
            var digest = Child(entry, "digest") as ManifestScalar;
            if (effective != image.Repository || !splices.Matched(new ImageReference(effective, tag?.Value, NullIfEmpty(digest?.Value))))
                continue;
            RewriteTagAndDigest(entry, tag, "newTag", digest);
        }
    }

    void RewriteTagAndDigest(ManifestMapping owner, ManifestScalar? tag, string tagKey, ManifestScalar? digest)
    {
        var pinned = !string.IsNullOrEmpty(digest?.Value);
        if (tag is not null)
            splices.Replace(tag, image.Tag);
        else if (!pinned)
            splices.AddEntry(owner, tagKey, image.Tag);
        if (pinned)
            splices.Replace(digest!, splices.RequireDigest(digest!, digest!.Value!, image));
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static ManifestNode? Child(ManifestNode? node, string key) => (node as ManifestMapping)?[key];

    internal static string? ScalarValue(ManifestNode? node, string key) => (Child(node, key) as ManifestScalar)?.Value;
}
