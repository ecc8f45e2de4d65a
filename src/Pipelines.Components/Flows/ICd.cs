
namespace Pipelines.Components;

/// <summary>
/// Cd = BumpConfigRepo → WaitRollout: write the pushed image into the config repo, then wait until Flux has applied that
/// commit and the workloads run it (<c>--auto-rollback</c> reverts the bump when the rollout, or Verify, fails). Without a kubeconfig
/// (no <c>--kubeconfig</c>, <c>KUBECONFIG</c>, <c>~/.kube/config</c> or service account) the wait is skipped and says why.
/// A build that composes <see cref="IVerify"/> also verifies the app there (and records the verdict), skipped as the wait is.
/// Promotion to the next environment comes after Cd when both run.
/// </summary>
public interface ICd : IBumpConfigRepo, IWaitRollout
{
    /// <summary>Deploys the image to <c>--environment</c>.</summary>
    Target Cd => _ => _
        .Description("Deploy: write the image into the config repo, then wait for Flux and the rollout (--auto-rollback reverts a failed one, or one that fails Verify)")
        .DependsOn<IBumpConfigRepo>(x => x.BumpConfigRepo)
        .DependsOn<ICd>(x => x.WaitForCluster)
        .TryDependsOn<IVerify>(x => x.Verify)
        .TryBefore<IPromote>(x => x.Promote);

    /// <summary>Cd's wait: runs WaitRollout when a cluster is configured, otherwise WaitRollout is skipped with it.</summary>
    Target WaitForCluster => _ => _
        .Description("Cd's wait for the rollout, skipped when no kubeconfig is configured")
        .Unlisted()
        .OnlyWhenStatic(() => KubeconfigAvailable, "a cluster to reach (--kubeconfig, KUBECONFIG, ~/.kube/config or in-cluster)")
        .DependsOn<IWaitRollout>(x => x.WaitRollout);
}
