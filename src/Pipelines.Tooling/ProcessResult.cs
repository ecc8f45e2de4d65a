namespace Pipelines.Tooling;

/// <summary>What a finished process returned: its exit code and its captured output (unredacted, for parsing).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the process exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
