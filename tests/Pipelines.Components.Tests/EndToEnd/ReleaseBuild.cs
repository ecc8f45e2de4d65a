using Pipelines.Components.Containers;
using Pipelines.Components.Flows;
using Pipelines.Components.GitOps;
using Pipelines.Components.Kubernetes;
using Pipelines.Components.Scaffolding;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>The sample's composition against ECR: Release (Ci then Cd), InitConfigRepo to create the config repo, Rollback, and
/// Promote with WaitPromotion.</summary>
public sealed class ReleaseBuild : PipelineBuild, IRelease, IPushEcr, IInitConfigRepo, IRollback, IWaitPromotion;
