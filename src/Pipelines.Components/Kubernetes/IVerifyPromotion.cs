using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// VerifyPromotion: after WaitPromotion, verifies the promoted image in <c>--to</c>'s cluster (<c>--to-kubeconfig</c>,
/// <c>--to-kube-context</c>) as Verify does in <c>--environment</c>'s, at <c>--to-verify-url</c> or <c>--to-verify-service</c> when
/// the target environment is reached elsewhere, and records the verdict on the promotion's config commit. Skipped while the
/// promotion waits for its pull request's merge.
/// </summary>
public interface IVerifyPromotion : IVerify, IWaitPromotion
{
    /// <summary>The URL checked in the target environment.</summary>
    [Parameter("VerifyPromotion: URL to check in --to's environment instead of the service proxy, e.g. its ALB ingress; defaults to the service proxy, not --verify-url")]
    string? ToVerifyUrl => TryGetValue(() => ToVerifyUrl);

    /// <summary>The Service checked in the target environment.</summary>
    [Parameter("VerifyPromotion: Service <namespace>/<name>:<port> to check in --to's cluster; defaults to --verify-service")]
    string? ToVerifyService => TryGetValue(() => ToVerifyService);

    /// <summary>The soak in the target environment.</summary>
    [Parameter("VerifyPromotion: how long the promoted app must keep passing in --to's environment, e.g. 00:10:00; defaults to --verify-soak")]
    TimeSpan? ToVerifySoak => TryGetValue<TimeSpan>(() => ToVerifySoak);

    /// <summary>Verifies the promoted image where it was promoted to, and records the <c>promotion-verification</c> output.</summary>
    Target VerifyPromotion => _ => _
        .Description("After WaitPromotion, check the promoted app in --to's cluster as Verify does, let it soak, and record the verdict")
        .TryAfter<IWaitPromotion>(x => x.WaitPromotion)
        .OnlyWhenStatic(() => !string.IsNullOrEmpty(ToKubeconfig) || KubeconfigAvailable || !string.IsNullOrEmpty(ToVerifyUrl), "--to-kubeconfig, a kubeconfig or --to-verify-url")
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            if (!Outputs.TryGet<Promotion>(Promotion.OutputName, out var promotion) || promotion is null)
                throw new InvocationException("No promotion to verify: run Promote (--from, --to) and WaitPromotion before VerifyPromotion");
            if (promotion.PullRequestUrl is { } pending)
            {
                Note($"{promotion.To}: not verified, {pending} is not merged yet");
                throw new TargetSkippedException("waiting for the merge");
            }
            var image = ExpectedImage.Parse(promotion.Image, ImageRepository ?? "");
            var request = new VerifyTargets.Request(promotion.To, image, promotion.Commit, Workload, ToVerifyUrl is null ? ToVerifyService ?? VerifyService : null,
                ToVerifyUrl, ToVerifySoak ?? VerifySoak, ResolvePushedImage() is { } pushed && pushed.Tag == image.Tag ? pushed.SourceCommit : null);
            var aliases = PromotionAliases().Append((KubernetesInputs.VerifyUrl, ComponentFailures.Name<IVerifyPromotion>(x => x.ToVerifyUrl))).ToList();
            if (ToVerifyService is not null)
                aliases.Add((KubernetesInputs.VerifyService, ComponentFailures.Name<IVerifyPromotion>(x => x.ToVerifyService)));
            if (ToVerifySoak is not null)
                aliases.Add((KubernetesInputs.VerifySoak, ComponentFailures.Name<IVerifyPromotion>(x => x.ToVerifySoak)));
            var connect = () => !string.IsNullOrEmpty(ToKubeconfig) || KubeconfigAvailable
                ? ClusterConnection.Open(ConnectionOptions(ToKubeconfig ?? Kubeconfig, ToKubeContext ?? KubeContext))
                : null;
            await ComponentFailures.RunAsync(
                () => VerifyTargets.RunAsync(this, request, connect, Verification.PromotionOutputName, ct, [.. aliases]), [.. aliases]).ConfigureAwait(false);
        }, PromotionAliases()));
}
