using Pipelines.Components;
using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// Rollback: reverts the newest bump of the image in the environment with a new commit (history is never rewritten),
/// or with <c>--to &lt;tag&gt;</c> bumps back to that tag.
/// </summary>
public interface IRollback : IConfigRepoParameters
{
    /// <summary>Reverts the newest bump (or bumps back to <c>--to</c>).</summary>
    Target Rollback => _ => _
        .Description("Revert the newest bump of the image in the environment, or bump back to --to <tag>")
        .Requires(() => ConfigRepo)
        .Requires(() => ImageRepository)
        .Executes(async ct => await ConfigRepoTargets.RunAsync(async () =>
        {
            var request = new RollbackRequest(ImageRepository!)
            {
                Environment = Environment,
                ConfigPath = ConfigPath,
                ToTag = To,
                ToDigest = ImageDigest,
                PushMode = PushMode,
                DryRun = DryRun,
                VerifyImage = VerifyImage,
                BuildUrl = ConfigRepoTargets.BuildUrl(this),
            };
            ConfigRepoTargets.Report(this, await ConfigRepoTargets.Open(this).RollbackAsync(request, ct).ConfigureAwait(false));
        }).ConfigureAwait(false));
}
