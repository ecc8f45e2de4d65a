using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>The API server cannot be reached, or refused a request (e.g. RBAC); the message names the server and what to check.</summary>
public sealed class ClusterAccessException(ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception inner)
    : RolloutException(FailureKind.Failure, null, problem, remedy, [], inner);
