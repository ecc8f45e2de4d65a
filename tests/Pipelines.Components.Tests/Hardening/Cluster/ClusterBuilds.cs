using Pipelines.Components;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>A build that waits for a rollout, as an app's Cd job does.</summary>
public sealed class RolloutWaitBuild : PipelineBuild, IWaitRollout;

/// <summary>A build that waits for a promotion in the receiving environment's cluster.</summary>
public sealed class PromotionWaitBuild : PipelineBuild, IWaitPromotion;
