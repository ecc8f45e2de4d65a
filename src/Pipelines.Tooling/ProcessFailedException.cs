namespace Pipelines.Tooling;

/// <summary>A tool exited with a non-zero code. The message names the command (secrets masked) and its last lines of output.</summary>
public sealed class ProcessFailedException(string commandLine, int exitCode, IReadOnlyList<string> lastLines)
    : Exception(BuildMessage(commandLine, exitCode, lastLines))
{
    /// <summary>The command line, with secrets masked.</summary>
    public string CommandLine { get; } = commandLine;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The last lines the process wrote (stdout and stderr interleaved), with secrets masked.</summary>
    public IReadOnlyList<string> LastLines { get; } = lastLines;

    static string BuildMessage(string commandLine, int exitCode, IReadOnlyList<string> lastLines)
    {
        var tail = lastLines.Count == 0 ? "" : ": " + string.Join(" | ", lastLines.Where(l => l.Length > 0).TakeLast(3));
        return $"'{commandLine}' exited with code {exitCode}{tail}";
    }
}
