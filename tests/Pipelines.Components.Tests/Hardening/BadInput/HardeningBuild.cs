using Pipelines.Components;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>Every component at once, so a bad input can be aimed at any target of the library.</summary>
public sealed class HardeningBuild : PipelineBuild, IRelease, IPushEcr, IPushImage, IInitConfigRepo, IRollback, IPromote, IWaitRollout;
