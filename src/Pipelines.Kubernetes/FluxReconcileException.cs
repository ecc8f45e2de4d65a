using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>Flux reports the commit cannot be applied (<c>Ready=False</c> for the attempted revision), or a Flux object named does
/// not exist; the message carries Flux's own words.</summary>
public sealed class FluxReconcileException(FailureKind kind, Input? input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : RolloutException(kind, input, problem, remedy, []);
