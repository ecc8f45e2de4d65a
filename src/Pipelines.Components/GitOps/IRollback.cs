using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// Rollback: reverts the newest bump of the image in the environment with a new commit (history is never rewritten),
/// or with <c>--to-tag &lt;tag&gt;</c> bumps back to that tag.
/// </summary>
public interface IRollback : IConfigRepoParameters
{
    /// <summary>The earlier tag to go back to.</summary>
    [Parameter("Rollback: go back to this earlier tag instead of reverting the newest bump")]
    string? ToTag => TryGetValue(() => ToTag);

    /// <summary>The digest of <see cref="ToTag"/>.</summary>
    [Parameter("Rollback: the digest (sha256:...) of --to-tag, where the config repo pins references by digest")]
    string? ToDigest => TryGetValue(() => ToDigest);

    /// <summary>Reverts the newest bump (or bumps back to <c>--to-tag</c>).</summary>
    Target Rollback => _ => _
        .Description("Revert the newest bump of the image in the environment, or bump back to --to-tag <tag>")
        .Requires(() => ConfigRepo)
        .Requires(() => ImageRepository)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
            ConfigRepoTargets.Report(this, await ConfigRepoTargets.Open(this).RollbackAsync(CreateRollbackRequest(), ct).ConfigureAwait(false))));

    /// <summary>The rollback these parameters describe; <paramref name="revert"/> names a bump commit to revert instead.</summary>
    /// <param name="revert">A bump commit to revert exactly (as after a failed rollout); null for the parameters' choice.</param>
    RollbackRequest CreateRollbackRequest(string? revert = null) => new(ImageRepository!)
    {
        Environment = Environment,
        ConfigPath = ConfigPath,
        Commit = revert,
        ToTag = revert is null ? ToTag : null,
        ToDigest = revert is null ? ToDigest : null,
        PushMode = PushMode,
        DryRun = DryRun,
        VerifyImage = VerifyImage,
        BuildUrl = ConfigRepoTargets.BuildUrl(this),
    };
}
