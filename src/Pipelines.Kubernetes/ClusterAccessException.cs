namespace Pipelines.Kubernetes;

/// <summary>The API server cannot be reached, or refused a request (e.g. RBAC); the message names the server and what to check.</summary>
public sealed class ClusterAccessException(string message, Exception inner) : RolloutException(message, [], inner);
