using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// BumpConfigRepo: writes the pushed image into the GitOps config repo (byte-exact edit, one commit, race-safe push
/// or a pull request). Runs alone with <c>--image-repository --image-tag</c>, or after PushEcr from its output.
/// </summary>
public interface IBumpConfigRepo : IConfigRepoParameters
{
    /// <summary>Writes the image reference and records the <c>config-commit</c> output.</summary>
    Target BumpConfigRepo => _ => _
        .Description("Write the pushed image into the GitOps config repo (push or pull request)")
        .Requires(() => ConfigRepo)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var pushed = ResolvePushedImage()
                ?? throw new InvocationException("--image-repository and --image-tag are missing and no earlier target pushed an image; pass them or run PushEcr first");
            var source = await SourceRevision.ReadAsync(this, pushed.SourceCommit, ct).ConfigureAwait(false);
            var request = new BumpRequest(ImageTarget.Create(pushed.Repository, pushed.Tag, pushed.Digest))
            {
                Environment = Environment,
                ConfigPath = ConfigPath,
                PushMode = PushMode,
                ImagePolicy = ImagePolicy,
                DryRun = DryRun,
                VerifyImage = VerifyImage,
                SourceCommit = pushed.SourceCommit,
                SourceCommitTime = source.CommitTime,
                SourceBranch = source.Branch,
                BuildUrl = ConfigRepoTargets.BuildUrl(this),
            };
            ConfigRepoTargets.Report(this, await ConfigRepoTargets.Open(this).BumpAsync(request, ct).ConfigureAwait(false));
        }));
}
