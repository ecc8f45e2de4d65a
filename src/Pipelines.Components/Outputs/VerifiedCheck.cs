namespace Pipelines.Components;

/// <summary>One check of a verification.</summary>
/// <param name="At">When it started.</param>
/// <param name="Kind"><c>http</c>, <c>prometheus</c> or <c>pods</c>.</param>
/// <param name="Passed">Its outcome.</param>
/// <param name="Detail">What was asked and what came back, in one line.</param>
/// <param name="Milliseconds">How long it took.</param>
public sealed record VerifiedCheck(DateTimeOffset At, string Kind, bool Passed, string Detail, double Milliseconds);
