using Pipelines.Components.GitOps;

namespace Pipelines.Components.Flows;

/// <summary>
/// Cd = BumpConfigRepo → WaitRollout: write the pushed image into the config repo, then wait until Flux has applied that
/// commit and the workloads run it. Promotion to the next environment comes after it when both run.
/// </summary>
/// <remarks>WaitRollout joins Cd once the Kubernetes component lands (<c>.DependsOn&lt;IWaitRollout&gt;(x => x.WaitRollout)</c>).</remarks>
public interface ICd : IBumpConfigRepo
{
    /// <summary>Deploys the image to <c>--environment</c>.</summary>
    Target Cd => _ => _
        .Description("Deploy: write the image into the config repo (then wait for Flux and the rollout)")
        .DependsOn<IBumpConfigRepo>(x => x.BumpConfigRepo)
        .TryBefore<IPromote>(x => x.Promote);
}
