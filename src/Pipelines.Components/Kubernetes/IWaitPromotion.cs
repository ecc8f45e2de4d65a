using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// WaitPromotion: after Promote, asks Flux in the target environment's cluster to apply the promotion now and waits until the
/// promoted image runs there, with WaitRollout's verdicts and fail-fast diagnosis. The target cluster is <c>--to-kubeconfig</c>
/// and <c>--to-kube-context</c> (by default the same as WaitRollout's, e.g. the prod job's own kubeconfig in CI). A promotion
/// that goes through a pull request is applied once it is merged: the wait is then skipped and says so. Without any kubeconfig
/// (no <c>--to-kubeconfig</c>, <c>--kubeconfig</c>, <c>KUBECONFIG</c>, <c>~/.kube/config</c> or service account) it is skipped, as
/// Cd's wait is.
/// </summary>
public interface IWaitPromotion : IPromote, IWaitRollout
{
    /// <summary>Kubeconfig of the target cluster.</summary>
    [Parameter("Kubeconfig file for --to's cluster; defaults to --kubeconfig")]
    string? ToKubeconfig => TryGetValue(() => ToKubeconfig);

    /// <summary>Context of the target cluster.</summary>
    [Parameter("Kubeconfig context of --to's cluster; defaults to --kube-context")]
    string? ToKubeContext => TryGetValue(() => ToKubeContext);

    /// <summary>Flux Kustomization in the target cluster.</summary>
    [Parameter("Flux Kustomization <namespace>/<name> in --to's cluster; defaults to --flux-kustomization")]
    string? ToFluxKustomization => TryGetValue(() => ToFluxKustomization);

    /// <summary>Flux HelmRelease in the target cluster.</summary>
    [Parameter("Flux HelmRelease <namespace>/<name> in --to's cluster; defaults to --flux-helmrelease", Name = "to-flux-helmrelease")]
    string? ToFluxHelmRelease => TryGetValue(() => ToFluxHelmRelease);

    /// <summary>Waits for the promoted image in the target environment's cluster.</summary>
    Target WaitPromotion => _ => _
        .Description("After Promote, ask Flux in --to's cluster to apply it now and wait until the promoted image runs there")
        .TryAfter<IPromote>(x => x.Promote)
        .OnlyWhenStatic(() => !string.IsNullOrEmpty(ToKubeconfig) || KubeconfigAvailable)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            if (!Outputs.TryGet<Promotion>(Promotion.OutputName, out var promotion) || promotion is null)
                throw new InvocationException("No promotion to wait for: run Promote (--from, --to) before WaitPromotion");
            if (promotion.PullRequestUrl is { } pullRequest)
            {
                Log.WriteLine($"{promotion.To} takes the promotion through {pullRequest}; Flux applies it once it is merged, so there is no rollout to wait for yet.");
                Note($"{promotion.To}: waiting for the merge of {pullRequest}");
                return;
            }
            var image = ExpectedImage.Parse(promotion.Image, ImageRepository ?? "");
            // The Kustomization's own sourceRef names the target cluster's GitRepository.
            var options = RolloutOptions(image, promotion.Commit, ToFluxKustomization ?? FluxKustomization, null, ToFluxHelmRelease ?? FluxHelmRelease);
            var connection = ClusterConnection.Open(ConnectionOptions(ToKubeconfig ?? Kubeconfig, ToKubeContext ?? KubeContext));
            RolloutResult result;
            try
            {
                result = await WatchAsync(connection, options, ct).ConfigureAwait(false);
            }
            catch (RolloutException e)
            {
                // Which environment's rollout failed matters here: the same image may run well in another.
                throw new TargetFailedException($"{promotion.To}: {ComponentFailures.Translate(e, PromotionAliases()).Message}");
            }
            Note($"{promotion.To}: {image.Tag ?? image.Digest} running in {result.Workloads.Count} workload(s) after {result.Duration.TotalSeconds:0.#}s"
                + (result.Flux is { } f ? $" (Flux applied {f.AppliedRevision ?? f.HelmReleaseRevision})" : ""));
        }, PromotionAliases()));

    /// <summary>The inputs this wait fills from the <c>--to-*</c> parameters, when they are given.</summary>
    (Pipelines.Tooling.Input, string)[] PromotionAliases()
    {
        var aliases = new List<(Pipelines.Tooling.Input, string)>();
        if (ToKubeconfig is not null)
            aliases.Add((KubernetesInputs.Kubeconfig, ComponentFailures.Name<IWaitPromotion>(x => x.ToKubeconfig)));
        if (ToKubeContext is not null)
            aliases.Add((KubernetesInputs.KubeContext, ComponentFailures.Name<IWaitPromotion>(x => x.ToKubeContext)));
        if (ToFluxKustomization is not null)
            aliases.Add((KubernetesInputs.FluxKustomization, ComponentFailures.Name<IWaitPromotion>(x => x.ToFluxKustomization)));
        if (ToFluxHelmRelease is not null)
            aliases.Add((KubernetesInputs.FluxHelmRelease, ComponentFailures.Name<IWaitPromotion>(x => x.ToFluxHelmRelease)));
        return [.. aliases];
    }
}
