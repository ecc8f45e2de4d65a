namespace Pipelines.Testing.Kubernetes;

/// <summary>One resource type the stand-in serves, as it appears in discovery.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced, params string[] ShortNames)
{
    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>True for the Flux custom resources (no strategic merge patch, as on a real server).</summary>
    public bool IsCustom => Group.EndsWith("fluxcd.io", StringComparison.Ordinal);

    /// <summary>Everything the stand-in serves.</summary>
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        new("", "v1", "namespaces", "namespace", "Namespace", false, "ns"),
        new("", "v1", "pods", "pod", "Pod", true, "po"),
        new("", "v1", "events", "event", "Event", true, "ev"),
        new("", "v1", "services", "service", "Service", true, "svc"),
        new("apps", "v1", "deployments", "deployment", "Deployment", true, "deploy"),
        new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, "rs"),
        new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, "sts"),
        new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, "ds"),
        new("source.toolkit.fluxcd.io", "v1", "gitrepositories", "gitrepository", "GitRepository", true, "gitrepo"),
        new("kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "kustomization", "Kustomization", true, "ks"),
        new("helm.toolkit.fluxcd.io", "v2", "helmreleases", "helmrelease", "HelmRelease", true, "hr"),
    ];

    /// <summary>Finds a resource by group and plural name.</summary>
    public static ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds a resource by kind.</summary>
    public static ApiResource ByKind(string kind) =>
        All.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The stand-in does not serve kind {kind}.", nameof(kind));
}
