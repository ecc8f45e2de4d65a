namespace Pipelines;

/// <summary>
/// Everything one run of a build reads from its surroundings. <see cref="PipelineBuild.Execute{T}"/> fills it from the
/// process; tests fill it themselves so that a build runs in-process with no global state.
/// </summary>
/// <param name="Arguments">Command-line arguments.</param>
/// <param name="Environment">Environment variables (never read from the process when given here).</param>
/// <param name="Out">Standard output (wrapped in secret redaction by the engine).</param>
/// <param name="Error">Standard error (wrapped in secret redaction by the engine).</param>
public sealed record BuildInvocation(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    TextWriter Out,
    TextWriter Error)
{
    /// <summary>The repository root; when null, <c>--root</c>, <c>PIPELINES_ROOT</c> or the nearest directory with <c>.nuke/</c>.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>The working directory used to find the root; the process's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Whether the Terminal host may write ANSI colour codes.</summary>
    public bool Ansi { get; init; }

    /// <summary>Cancels the run as Ctrl-C or SIGTERM would.</summary>
    public CancellationToken CancellationToken { get; init; }
}
