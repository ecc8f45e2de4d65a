namespace Pipelines.Tooling;

/// <summary>A tool could not be started: it is not installed or not on PATH (<see cref="IsMissing"/>), or it is there and
/// the system refused to start it (no permission, not an executable).</summary>
public sealed class ToolNotFoundException(string tool, string reason, bool isMissing)
    : PipelinesException(FailureKind.Failure, null, $"'{tool}' could not be started ({reason})", $"install it or put it on PATH")
{
    /// <summary>The tool that was not found.</summary>
    public string Tool { get; } = tool;

    /// <summary>Whether the tool is simply not there.</summary>
    public bool IsMissing { get; } = isMissing;
}
