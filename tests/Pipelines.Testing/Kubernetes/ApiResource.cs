namespace Pipelines.Testing.Kubernetes;

/// <summary>One resource type the stand-in serves, as it appears in discovery.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced, params string[] ShortNames)
{
    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>True for the custom resources (no strategic merge patch, as on a real server).</summary>
    public bool IsCustom => Group.EndsWith("fluxcd.io", StringComparison.Ordinal) || Definition is not null;

    /// <summary>The published resource definition this resource is served from (schema, printer columns), when there is one.</summary>
    public CustomResourceDefinition? Definition { get; init; }

    /// <summary>Categories (<c>kubectl get all</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The resource a definition describes.</summary>
    public static ApiResource Of(CustomResourceDefinition d) =>
        new(d.Group, d.Version, d.Plural, d.Singular, d.Kind, d.Namespaced, [.. d.ShortNames]) { Definition = d, Categories = d.Categories };

    private static readonly string[] AllCategory = ["all"];

    /// <summary>Everything the stand-in serves.</summary>
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        new("", "v1", "namespaces", "namespace", "Namespace", false, "ns"),
        new("", "v1", "pods", "pod", "Pod", true, "po") { Categories = AllCategory },
        new("", "v1", "events", "event", "Event", true, "ev"),
        new("", "v1", "services", "service", "Service", true, "svc") { Categories = AllCategory },
        new("apps", "v1", "deployments", "deployment", "Deployment", true, "deploy") { Categories = AllCategory },
        new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, "rs") { Categories = AllCategory },
        new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, "sts") { Categories = AllCategory },
        new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, "ds") { Categories = AllCategory },
        new("source.toolkit.fluxcd.io", "v1", "gitrepositories", "gitrepository", "GitRepository", true, "gitrepo"),
        new("kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "kustomization", "Kustomization", true, "ks"),
        new("helm.toolkit.fluxcd.io", "v2", "helmreleases", "helmrelease", "HelmRelease", true, "hr"),
        Of(CustomResourceDefinition.ArgoRollout),
        Of(CustomResourceDefinition.FlaggerCanary),
    ];

    /// <summary>Finds a resource by group and plural name.</summary>
    public static ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds a resource by kind.</summary>
    public static ApiResource ByKind(string kind) =>
        All.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The stand-in does not serve kind {kind}.", nameof(kind));
}
