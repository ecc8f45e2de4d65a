namespace Pipelines.Containers.Running;

/// <summary>One request's outcome; for an answer, its status and the start of its body (one line, masked).</summary>
internal sealed record ProbeAttempt(ProbeOutcome Outcome, int StatusCode, string? ReasonPhrase, string Body);
