namespace Pipelines.Kubernetes;

/// <summary>What Flux applied.</summary>
/// <param name="AppliedRevision">The Kustomization's <c>lastAppliedRevision</c> (e.g. <c>main@sha1:…</c>), when one was watched.</param>
/// <param name="HelmReleaseRevision">The HelmRelease's newest deployed release (<c>chartName@version</c>), when one was watched.</param>
/// <param name="Duration">From the reconcile request until Flux was done.</param>
public sealed record FluxResult(string? AppliedRevision, string? HelmReleaseRevision, TimeSpan Duration);
