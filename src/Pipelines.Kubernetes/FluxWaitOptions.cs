namespace Pipelines.Kubernetes;

/// <summary>What to ask Flux to reconcile and what to wait for.</summary>
/// <param name="Kustomization">The Kustomization that applies the config repo (<c>--flux-kustomization</c>).</param>
/// <param name="GitRepository">Its source; defaults to the Kustomization's <c>spec.sourceRef</c> (<c>--flux-git-repository</c>).</param>
/// <param name="HelmRelease">A HelmRelease to wait for after the Kustomization (<c>--flux-helmrelease</c>).</param>
/// <param name="Commit">The config-repo commit that must be applied (full or abbreviated SHA); without it, the wait ends when Flux has
/// handled the reconcile request.</param>
public sealed record FluxWaitOptions(
    FluxObjectReference? Kustomization = null,
    FluxObjectReference? GitRepository = null,
    FluxObjectReference? HelmRelease = null,
    string? Commit = null);
