namespace Pipelines.Kubernetes.Verifying;

/// <summary>What one request got: a status and the start of the body, or why there was no complete answer.</summary>
/// <param name="Status">The status code; 0 when nothing was answered.</param>
/// <param name="Body">The body as text, at most the bound read (control characters kept: callers escape what they show).</param>
/// <param name="Truncated">The body was longer than the bound; the rest was not read.</param>
/// <param name="Problem">Why there is no complete answer (no connection, silence, a body still arriving at the bound), or null.</param>
/// <param name="Elapsed">From sending to the end of the answer.</param>
/// <param name="ApiStatus">When the API server answered for itself rather than for the app (no endpoints, no such Service,
/// refused credentials or RBAC), its message.</param>
internal sealed record AppAnswer(int Status, string Body, bool Truncated, string? Problem, TimeSpan Elapsed, string? ApiStatus = null);
