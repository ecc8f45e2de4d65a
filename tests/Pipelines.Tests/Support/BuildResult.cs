namespace Pipelines.Tests.Support;

/// <summary>What a user sees of one run: exit code, standard output and standard error.</summary>
public sealed record BuildResult(int ExitCode, string Out, string Error)
{
    /// <summary>Targets in the order their actions ran (each test target logs "ran:Name").</summary>
    public IReadOnlyList<string> Ran => Out.Split('\n').Where(l => l.StartsWith("ran:", StringComparison.Ordinal)).Select(l => l[4..].Trim()).ToList();

    /// <summary>The single line written to standard error.</summary>
    public string ErrorLine => Error.TrimEnd('\n');
}
