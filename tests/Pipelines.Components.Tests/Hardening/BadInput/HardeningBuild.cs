using Pipelines.Components.Containers;
using Pipelines.Components.Flows;
using Pipelines.Components.GitOps;
using Pipelines.Components.Kubernetes;
using Pipelines.Components.Scaffolding;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>Every component at once, so a bad input can be aimed at any target of the library.</summary>
public sealed class HardeningBuild : PipelineBuild, IRelease, IPushEcr, IPushImage, IInitConfigRepo, IRollback, IPromote, IWaitRollout;
