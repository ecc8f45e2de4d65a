namespace Pipelines.Tooling;

/// <summary>A tool could not be started because it is not installed or not on PATH.</summary>
public sealed class ToolNotFoundException(string tool, string reason)
    : PipelinesException(FailureKind.Failure, null, $"'{tool}' could not be started ({reason})", $"install it or put it on PATH")
{
    /// <summary>The tool that was not found.</summary>
    public string Tool { get; } = tool;

    /// <summary>Why it could not be started, as the system said it (e.g. "No such file or directory").</summary>
    public string Reason { get; } = reason;

    /// <summary>Whether the tool is simply not there (rather than there and refusing to start: no permission, not executable).</summary>
    public bool IsMissing => Reason.Contains("No such file", StringComparison.Ordinal) || Reason.Contains("not found", StringComparison.Ordinal);
}
