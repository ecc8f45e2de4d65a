using System.Globalization;

namespace Pipelines.GitOps;

/// <summary>
/// The rule for two pipelines bumping one image in one environment: a bump never replaces an image built from a newer
/// commit of the same branch. "Newer" is the app commit's committer time from the <c>Source-Commit-Time</c> trailer (the
/// config repo cannot see the app repo's ancestry; on one branch a descendant is committed after its ancestors, and
/// rebases and cherry-picks renew the committer time). When the running image's bump has no such trailer, is from
/// another branch, or a rollback or promotion came after it, the order cannot be told and the bump goes ahead.
/// </summary>
static class BumpOrdering
{
    /// <summary>The one-line reason to skip <paramref name="request"/>, or null when it may be written.</summary>
    public static string? Refusal(IReadOnlyList<GitCommit> log, BumpRequest request, string? environment)
    {
        if (request.SourceCommitTime is not { } time)
            return null;
        var running = log.FirstOrDefault(c => c.Trailer(CommitMessage.RepositoryTrailer) == request.Image.Repository &&
                                              c.Trailer(CommitMessage.EnvironmentTrailer) == environment);
        if (running is null || running.Trailer(CommitMessage.RevertsTrailer) is not null ||
            running.Trailer(CommitMessage.SourceBranchTrailer) != request.SourceBranch ||
            running.Trailer(CommitMessage.SourceCommitTimeTrailer) is not { } text ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var runningTime))
            return null;
        var runningCommit = running.Trailer(CommitMessage.SourceCommitTrailer);
        if (runningTime <= time || runningCommit == request.SourceCommit)
            return null;
        return $"config already runs {running.Trailer(CommitMessage.TagTrailer)} built from a newer commit {CommitMessage.Short(runningCommit ?? "?")} ({text}); " +
               $"not replacing it with {request.Image.Tag} from {CommitMessage.Short(request.SourceCommit ?? "?")} ({time.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})";
    }
}
