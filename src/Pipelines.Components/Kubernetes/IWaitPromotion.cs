using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// WaitPromotion: after Promote, asks Flux in the target environment's cluster to apply the promotion now and waits until the
/// promoted image runs there, with WaitRollout's verdicts and fail-fast diagnosis. The target cluster is <c>--to-kubeconfig</c>
/// and <c>--to-kube-context</c> (by default the same as WaitRollout's, e.g. the prod job's own kubeconfig in CI). A promotion
/// that goes through a pull request is applied once it is merged: with <c>--merge-timeout</c> the wait follows the pull request
/// until GitHub merges it (by hand, auto-merge or the merge queue), then waits for that merge commit; without it, it says so and
/// stops. Without any kubeconfig
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

    /// <summary>How long to wait for the promotion's pull request to be merged.</summary>
    [Parameter("WaitPromotion: how long to wait for the promotion's pull request to be merged (by people, GitHub auto-merge or the merge queue) before Flux applies it, e.g. 01:00:00; without it the wait stops at the pull request")]
    TimeSpan? MergeTimeout => TryGetValue<TimeSpan>(() => MergeTimeout);

    /// <summary>How often the pull request is read.</summary>
    [Parameter("WaitPromotion: how often the pull request's state is read while waiting for its merge, e.g. 00:00:15")]
    TimeSpan MergePollInterval => TryGetValue(() => MergePollInterval) ?? TimeSpan.FromSeconds(15);

    /// <summary>Waits for the promoted image in the target environment's cluster.</summary>
    Target WaitPromotion => _ => _
        .Description("After Promote, ask Flux in --to's cluster to apply it now and wait until the promoted image runs there")
        .TryAfter<IPromote>(x => x.Promote)
        .OnlyWhenStatic(() => !string.IsNullOrEmpty(ToKubeconfig) || KubeconfigAvailable, "--to-kubeconfig or a kubeconfig")
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            if (!Outputs.TryGet<Promotion>(Promotion.OutputName, out var promotion) || promotion is null)
                throw new InvocationException("No promotion to wait for: run Promote (--from, --to) before WaitPromotion");
            if (promotion.PullRequestUrl is { } pullRequest)
            {
                if (MergeTimeout is not { } bound)
                {
                    Log.WriteLine($"{promotion.To} takes the promotion through {pullRequest}; Flux applies it once it is merged, so there is no rollout to wait for yet (--merge-timeout waits for the merge).");
                    Note($"{promotion.To}: waiting for the merge of {pullRequest}");
                    return;
                }
                promotion = await WaitForMergeAsync(promotion, pullRequest, bound, ct).ConfigureAwait(false);
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

    /// <summary>Follows the promotion's pull request until it is merged; the promotion then names the merge commit, for the rollout
    /// wait and for a verification after it.</summary>
    async Task<Promotion> WaitForMergeAsync(Promotion promotion, string pullRequest, TimeSpan bound, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(GitHubToken))
            throw new InvocationException($"--merge-timeout follows {pullRequest} on GitHub, which needs --github-token");
        if (!GitOps.GitHubRepositoryName.TryParse(GitHubRepository ?? ConfigRepo, out var repository))
            throw new InvocationException($"--merge-timeout: the config repo's owner/name on GitHub cannot be read from '{GitHubRepository ?? ConfigRepo}'; pass --github-repository");
        var number = promotion.PullRequestNumber ?? (int.TryParse(pullRequest[(pullRequest.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new InvocationException($"the promotion names no pull request number ({pullRequest}); run Promote again"));
        Secrets.Add(GitHubToken);
        Log.WriteLine($"Waiting up to {bound} for the merge of {pullRequest} (reading it every {MergePollInterval})");
        var publisher = GitOps.PullRequestPublisher.Create(GitHubToken, GitHubUrl, GitHubTimeout);
        var merged = await publisher.WaitForMergeAsync(repository.Owner, repository.Name, number, bound, MergePollInterval,
            new LogProgress(Log, $"{promotion.To}: {pullRequest} "), ct).ConfigureAwait(false);
        Note($"{promotion.To}: {pullRequest} merged as {merged.MergeCommit[..7]} after {merged.Waited.TotalSeconds:0.#}s ({merged.Polls} reads)");
        var applied = promotion with { Commit = merged.MergeCommit, PullRequestUrl = null, PullRequestNumber = null };
        Outputs.Set(Promotion.OutputName, applied);
        return applied;
    }

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
