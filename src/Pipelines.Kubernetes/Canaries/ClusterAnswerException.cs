using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// The API server answered with an object that cannot be read as the kind asked for (e.g. metadata of the wrong types). Not a
/// rollout failure: nothing is known of the rollout, so no automatic rollback follows it.
/// </summary>
public sealed class ClusterAnswerException(ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception inner)
    : PipelinesException(FailureKind.Failure, null, problem, remedy, inner);
