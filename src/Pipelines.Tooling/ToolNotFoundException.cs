namespace Pipelines.Tooling;

/// <summary>A tool could not be started because it is not installed or not on PATH.</summary>
public sealed class ToolNotFoundException(string tool, string reason)
    : PipelinesException(FailureKind.Failure, null, $"'{tool}' could not be started ({reason})", $"install it or put it on PATH")
{
    /// <summary>The tool that was not found.</summary>
    public string Tool { get; } = tool;
}
