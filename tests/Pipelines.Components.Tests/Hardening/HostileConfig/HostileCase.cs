namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>
/// One hostile config repo and what a user must see when a target meets it: the exit code and substrings of the one line
/// (the error line, or for a run that succeeds the summary line that says what was left alone).
/// </summary>
/// <param name="Name">class/case, as the figures name it.</param>
/// <param name="ExitCode">0, 1 (a failed target) or 2 (bad input).</param>
/// <param name="Expect">Substrings of the line, with the scene's placeholders; the first one picks the line on success.</param>
public sealed record HostileCase(string Name, int ExitCode, params string[] Expect)
{
    /// <summary>The repository's files.</summary>
    public Dictionary<string, byte[]> Files { get; init; } = [];

    /// <summary>Links committed on top: path → target (placeholders allowed).</summary>
    public Dictionary<string, string> Links { get; init; } = [];

    /// <summary>The command line (placeholders allowed).</summary>
    public string[] Args { get; init; } = HostileConfigCorpus.Bump("--environment", "dev");

    /// <summary>The files the one new commit on main must change; null when the remote must stay exactly as it was.</summary>
    public string[]? Changed { get; init; }

    /// <summary>Paths the one new commit on main must not touch (for a scaffold, whose commit holds many files).</summary>
    public string[]? Untouched { get; init; }

    /// <summary>Exact bytes files must have on main afterwards.</summary>
    public Dictionary<string, byte[]> ExpectedBytes { get; init; } = [];

    /// <summary>A resource bomb: its peak memory is reported.</summary>
    public bool Bomb { get; init; }

    public override string ToString() => Name;
}
