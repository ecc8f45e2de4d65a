using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Branch names checked with <c>git check-ref-format</c> before any other git call uses them.</summary>
public static class GitRefName
{
    /// <summary>
    /// Refuses <paramref name="branch"/> as bad input naming <paramref name="input"/> unless git accepts it both as a branch
    /// name (<c>--branch</c>: no leading dash, no <c>@{-1}</c>) and under <c>refs/heads/</c> (no <c>..</c>, no <c>.lock</c>).
    /// </summary>
    public static async Task CheckBranchAsync(ProcessRunner runner, string branch, Input input, CancellationToken ct)
    {
        // A name git would read as an option is refused before it reaches even check-ref-format's argument list.
        var valid = branch.Length > 0 && !branch.StartsWith('-') && !branch.Contains('\0')
            && await AcceptsAsync(runner, ["check-ref-format", "--branch", branch], ct).ConfigureAwait(false)
            && await AcceptsAsync(runner, ["check-ref-format", "refs/heads/" + branch], ct).ConfigureAwait(false);
        if (!valid)
            throw new InvalidInputException(input, $"'{branch}' is not a valid branch name (git check-ref-format refuses it)",
                $"give a branch name such as main or release/1.2");
    }

    static async Task<bool> AcceptsAsync(ProcessRunner runner, string[] arguments, CancellationToken ct) =>
        (await runner.RunAsync("git", arguments, Path.GetTempPath(), GitEnvironment.Pinned, noEcho: true, quiet: true, throwOnError: false, ct: ct)
            .ConfigureAwait(false)).ExitCode == 0;
}
