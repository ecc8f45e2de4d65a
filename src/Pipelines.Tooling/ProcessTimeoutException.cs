namespace Pipelines.Tooling;

/// <summary>A tool did not finish within its bound and was killed with its children.</summary>
public sealed class ProcessTimeoutException(string displayName, TimeSpan timeout)
    : PipelinesException(FailureKind.Failure, null, $"{displayName} did not finish within {timeout} and was stopped", $"check that the peer it talks to answers")
{
    /// <summary>The tool and its subcommand.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>The bound that passed.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
