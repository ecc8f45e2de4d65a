namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// One bad input: the arguments (with <c>{placeholders}</c> the scene fills in), the exit code a user must see, and
/// substrings the one error line must contain: the input's name and what to do about it.
/// </summary>
/// <param name="Name">Short name, shown by the test runner.</param>
/// <param name="Args">Command line; see <see cref="BadInputScene.Expand"/> for placeholders.</param>
/// <param name="ExitCode">2 for a bad invocation, 1 for a failed target.</param>
/// <param name="Expect">Substrings of the error line (ordinal, all required).</param>
public sealed record BadInputCase(string Name, string[] Args, int ExitCode, params string[] Expect)
{
    /// <summary>Variables for the build's own environment (the invocation's, not the process's).</summary>
    public Dictionary<string, string?> Environment { get; init; } = [];

    /// <summary>Process variables for the case (AWS credentials are read by the SDK from the process).</summary>
    public (string Name, string? Value)[] Variables { get; init; } = [];

    /// <summary>Something the scene arranges before the run (e.g. a scripted ECR fault).</summary>
    public Action<BadInputScene>? Arrange { get; init; }

    public override string ToString() => Name;
}
