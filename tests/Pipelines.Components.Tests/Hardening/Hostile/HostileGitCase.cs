namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// One hostile git input: what the build is given (built from the running scene), the exit code and the words the one error
/// line must hold, the secrets that must appear nowhere, and the bound the run must finish within.
/// </summary>
/// <param name="Class">protocols, refs, bounds or credentials.</param>
/// <param name="Name">The case, as the report and the test runner name it.</param>
/// <param name="ExitCode">2 for bad input, 1 for a failure.</param>
/// <param name="Expect">Substrings of the error line.</param>
public sealed record HostileGitCase(string Class, string Name, int ExitCode, params string[] Expect)
{
    /// <summary>The arguments after BumpConfigRepo's usual ones; the config repo among them.</summary>
    public required Func<HostileGitScene, HostileGitPeers, string[]> Args { get; init; }

    /// <summary>Variables of the build's environment.</summary>
    public Func<HostileGitScene, HostileGitPeers, (string Name, string? Value)[]> Variables { get; init; } = (_, _) => [];

    /// <summary>.nuke/parameters.json for the run; none when null.</summary>
    public Func<HostileGitScene, HostileGitPeers, string>? ParametersJson { get; init; }

    /// <summary>Values that must appear in no output.</summary>
    public string[] Secrets { get; init; } = [];

    /// <summary>How long the run may take, start to exit.</summary>
    public TimeSpan Bound { get; init; } = TimeSpan.FromSeconds(20);

    public override string ToString() => $"{Class}/{Name}";
}
