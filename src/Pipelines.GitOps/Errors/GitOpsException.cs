namespace Pipelines.GitOps;

/// <summary>
/// A failure a user can fix. The message is one line: which input, what is wrong, what to do.
/// Derived types name the failure kind so callers can map them to exit codes.
/// </summary>
public abstract class GitOpsException(string input, string problem, string remedy, Exception? inner = null)
    : Exception($"{input} {problem}; {remedy}", inner)
{
    /// <summary>The input (parameter, file or service) the failure is about.</summary>
    public string Input { get; } = input;
}
