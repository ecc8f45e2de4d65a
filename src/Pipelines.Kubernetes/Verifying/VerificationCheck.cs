namespace Pipelines.Kubernetes.Verifying;

/// <summary>One check and its outcome.</summary>
/// <param name="At">When it started.</param>
/// <param name="Kind">What was checked: <c>http</c> (the app's answer), <c>prometheus</c> (the query) or <c>pods</c> (restarts and readiness).</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">One line: what was asked and what came back (control characters escaped).</param>
/// <param name="Duration">How long it took.</param>
public sealed record VerificationCheck(DateTimeOffset At, string Kind, bool Passed, string Detail, TimeSpan Duration);
