using System.Globalization;

namespace Pipelines.Components;

/// <summary>
/// When and on which branch the app commit behind an image was made: what lets a bump refuse to replace an image built
/// from a newer commit of the same branch. Unknown values stay null and the bump then goes ahead, as before.
/// </summary>
/// <param name="CommitTime">The commit's committer time.</param>
/// <param name="Branch">The branch being built.</param>
internal sealed record SourceRevision(DateTimeOffset? CommitTime, string? Branch)
{
    /// <summary>Reads the commit time from the build's own checkout and the branch from the CI host or git.</summary>
    public static async Task<SourceRevision> ReadAsync(IPipelineBuild build, string? commit, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(commit))
            return new SourceRevision(null, null);
        var time = await GitAsync(build, ["log", "-1", "--format=%cI", commit], ct).ConfigureAwait(false);
        var branch = CiBranch(build) ?? await GitAsync(build, ["rev-parse", "--abbrev-ref", "HEAD"], ct).ConfigureAwait(false);
        return new SourceRevision(
            DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null,
            branch is null or "HEAD" ? null : branch);
    }

    // CI checkouts are usually detached, so git cannot name the branch; the hosts can.
    static string? CiBranch(IPipelineBuild build)
    {
        string? NonEmpty(string variable) => build.EnvironmentVariables.GetValueOrDefault(variable) is { Length: > 0 } value ? value : null;
        return build.Host switch
        {
            CiHost.GitHubActions => NonEmpty("GITHUB_HEAD_REF") ?? NonEmpty("GITHUB_REF_NAME"),
            CiHost.Jenkins => NonEmpty("BRANCH_NAME") ?? NonEmpty("GIT_BRANCH")?.Replace("origin/", "", StringComparison.Ordinal),
            _ => null,
        };
    }

    static async Task<string?> GitAsync(IPipelineBuild build, string[] arguments, CancellationToken ct)
    {
        try
        {
            var result = await build.Tools.RunAsync("git", arguments, build.RootDirectory, Pipelines.Tooling.GitEnvironment.Pinned, noEcho: true, quiet: true, throwOnError: false, ct: ct)
                .ConfigureAwait(false);
            return result.Succeeded ? result.StandardOutput.Trim() : null;
        }
        catch (Pipelines.Tooling.ToolNotFoundException)
        {
            return null;
        }
    }
}
