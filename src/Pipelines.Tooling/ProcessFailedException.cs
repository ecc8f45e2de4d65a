namespace Pipelines.Tooling;

/// <summary>
/// A tool exited with a non-zero code. The message is one line: the tool and its subcommand, the exit code and the tool's
/// own first error line. The full command line and every line of output went to the log already (secrets masked), so they
/// are kept here as fields, not repeated in the message.
/// </summary>
public sealed class ProcessFailedException : PipelinesException
{
    /// <summary>Creates the failure of <paramref name="commandLine"/>.</summary>
    /// <param name="displayName">The tool and its subcommand, e.g. <c>docker build</c>.</param>
    /// <param name="commandLine">The whole command line, secrets masked.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="errorLine">The tool's first error line (masked), or null when it printed none.</param>
    /// <param name="lastLines">The last lines of output, masked.</param>
    public ProcessFailedException(string displayName, string commandLine, int exitCode, string? errorLine, IReadOnlyList<string> lastLines)
        : base(FailureKind.Failure, null, $"{displayName} exited with code {exitCode}{(errorLine is null ? "" : ": " + errorLine)}", $"")
    {
        DisplayName = displayName;
        CommandLine = commandLine;
        ExitCode = exitCode;
        ErrorLine = errorLine;
        LastLines = lastLines;
    }

    /// <summary>The tool and its subcommand, e.g. <c>git clone</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The command line, with secrets masked.</summary>
    public string CommandLine { get; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The tool's own first error line, masked; null when it printed none.</summary>
    public string? ErrorLine { get; }

    /// <summary>The last lines the process wrote (stdout and stderr interleaved), with secrets masked.</summary>
    public IReadOnlyList<string> LastLines { get; }
}
