namespace Pipelines;

/// <summary>A target failed for a reason that one line explains; printed without a stack trace, exit code 1.</summary>
/// <param name="message">One line: what failed and what to do.</param>
public class TargetFailedException(string message) : Exception(message);
