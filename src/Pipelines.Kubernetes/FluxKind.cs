namespace Pipelines.Kubernetes;

/// <summary>Where each Flux kind is served.</summary>
internal sealed record FluxKind(string Kind, string Group, string Version, string Plural)
{
    public static readonly FluxKind GitRepository = new("GitRepository", "source.toolkit.fluxcd.io", "v1", "gitrepositories");
    public static readonly FluxKind Kustomization = new("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations");
    public static readonly FluxKind HelmRelease = new("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases");

    public string Describe(FluxObjectReference reference) => $"{Kind.ToLowerInvariant()}/{reference}";
}
