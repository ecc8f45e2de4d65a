namespace Pipelines.CiGeneration;

/// <summary>One job of a generated workflow (a stage of a Jenkinsfile).</summary>
/// <param name="Id">Job id (<c>docker-build</c>), unique in the workflow.</param>
/// <param name="DisplayName">What the CI shows (<c>DockerBuild</c>).</param>
/// <param name="Targets">Targets named on the job's command line.</param>
/// <param name="Needs">Ids of the jobs this one waits for directly (transitively reduced).</param>
/// <param name="Skip">Targets already run by the jobs this one waits for, passed to <c>--skip</c>.</param>
/// <param name="SkipWhenSequential">Targets already run by any earlier stage when stages run one after another in one workspace.</param>
/// <param name="HasDependents">Whether a later job needs this one (and so its outputs).</param>
/// <param name="Environment">The deployment environment guarding the job, if any.</param>
/// <param name="EnvironmentUrl">The environment's URL, if any.</param>
/// <param name="Comments">The CI comments of the targets the job runs (<c>Target: comment</c>), in plan order.</param>
/// <param name="CommentsWhenSequential">The same when stages run one after another in one workspace.</param>
internal sealed record CiJob(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Skip,
    IReadOnlyList<string> SkipWhenSequential,
    bool HasDependents,
    string? Environment,
    string? EnvironmentUrl,
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> CommentsWhenSequential)
{
    /// <summary>The command the job runs: on GitHub (<paramref name="sequential"/> false) jobs may run side by side in
    /// separate workspaces; in a Jenkinsfile stages run one after another in one workspace.</summary>
    /// <param name="sequential">Whether earlier stages ran in the same workspace.</param>
    /// <param name="profiles">Parameter profiles the CI selects (<c>--profile ecr-cn</c>).</param>
    public string Command(bool sequential, IReadOnlyList<string> profiles)
    {
        var skip = sequential ? SkipWhenSequential : Skip;
        IEnumerable<string> words = ["./build.sh", .. Targets];
        if (profiles.Count > 0)
            words = [.. words, "--profile", .. profiles];
        if (skip.Count > 0)
            words = [.. words, "--skip", .. skip];
        return string.Join(' ', words);
    }
}
