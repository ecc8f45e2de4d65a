using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps;

/// <summary>Where image references live in workloads, HelmReleases and kustomizations, and how each shape is rewritten.</summary>
sealed class ReferenceRules(SpliceSet splices, ImageTarget image)
{
    static readonly HashSet<string> WorkloadKinds =
        ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController", "PodTemplate"];

    static readonly HashSet<string> ContainerKeys = ["containers", "initContainers", "ephemeralContainers"];

    public void Visit(YamlMappingNode root)
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

    void VisitContainers(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && ContainerKeys.Contains(name) && value is YamlSequenceNode containers)
                    {
                        foreach (var container in containers.OfType<YamlMappingNode>())
                        {
                            if (Child(container, "image") is YamlScalarNode reference)
                                RewriteReference(reference);
                        }
                    }
                    else
                        VisitContainers(value);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                    VisitContainers(item);
                break;
        }
    }

    void VisitHelmValues(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "image" } && value is YamlScalarNode reference)
                        RewriteReference(reference);
                    else if (key is YamlScalarNode { Value: "image" } && value is YamlMappingNode parts && Child(parts, "repository") is YamlScalarNode)
                        RewriteHelmImage(parts);
                    else
                        VisitHelmValues(value);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                    VisitHelmValues(item);
                break;
        }
    }

    void RewriteReference(YamlScalarNode node)
    {
        if (node.Value is null)
            return;
        var current = ImageReference.Parse(node.Value);
        if (current.Repository != image.Repository || !splices.Matched(current))
            return;
        var digest = current.Digest is null ? null : splices.RequireDigest(node, node.Value, image);
        splices.Replace(node, new ImageReference(image.Repository, image.Tag, digest).ToString());
    }

    void RewriteHelmImage(YamlMappingNode parts)
    {
        var registry = ScalarValue(parts, "registry");
        var repository = ScalarValue(parts, "repository")!;
        var full = string.IsNullOrEmpty(registry) ? repository : registry.TrimEnd('/') + "/" + repository;
        var tag = Child(parts, "tag") as YamlScalarNode;
        var digest = Child(parts, "digest") as YamlScalarNode;
        if (full != image.Repository || !splices.Matched(new ImageReference(full, tag?.Value, NullIfEmpty(digest?.Value))))
            return;
        RewriteTagAndDigest(parts, tag, "tag", digest);
    }

    void VisitKustomizeImages(YamlNode? node)
    {
        if (node is not YamlSequenceNode entries)
            return;
        foreach (var entry in entries.OfType<YamlMappingNode>())
        {
            var effective = ScalarValue(entry, "newName") ?? ScalarValue(entry, "name");
            var tag = Child(entry, "newTag") as YamlScalarNode;
            var digest = Child(entry, "digest") as YamlScalarNode;
            if (effective != image.Repository || !splices.Matched(new ImageReference(effective, tag?.Value, NullIfEmpty(digest?.Value))))
                continue;
            RewriteTagAndDigest(entry, tag, "newTag", digest);
        }
    }

    void RewriteTagAndDigest(YamlMappingNode owner, YamlScalarNode? tag, string tagKey, YamlScalarNode? digest)
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

    internal static YamlNode? Child(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode mapping)
            return null;
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
                return v;
        }
        return null;
    }

    internal static string? ScalarValue(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
