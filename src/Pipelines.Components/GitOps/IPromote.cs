using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// Promote: copies the image reference one environment runs into another (<c>--from dev --to prod</c>), through a
/// pull request when the target environment asks for one, so production gets exactly what was tested.
/// </summary>
public interface IPromote : IConfigRepoParameters
{
    /// <summary>The environment whose image is copied.</summary>
    [Parameter("Promote: the environment whose image is copied, e.g. dev")]
    string? From => TryGetValue(() => From);

    /// <summary>The environment that receives it.</summary>
    [Parameter("Promote: the environment that receives the image, e.g. prod")]
    string? To => TryGetValue(() => To);

    /// <summary>Copies the reference from <c>--from</c> into <c>--to</c>.</summary>
    Target Promote => _ => _
        .Description("Copy the image reference --from runs into --to (a pull request when --to asks for one)")
        .Requires(() => ConfigRepo)
        .Requires(() => ImageRepository)
        .Requires(() => From)
        .Requires(() => To)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var request = new PromoteRequest(ImageRepository!, From!, To!)
            {
                PushMode = PushMode,
                DryRun = DryRun,
                BuildUrl = ConfigRepoTargets.BuildUrl(this),
            };
            var change = await ConfigRepoTargets.Open(this).PromoteAsync(request, ct).ConfigureAwait(false);
            ConfigRepoTargets.Report(this, change);
            if (change.Image is { } image && change.Outcome is ChangeOutcome.Pushed or ChangeOutcome.PullRequest or ChangeOutcome.AlreadyCurrent)
                Outputs.Set(Promotion.OutputName, new Promotion(From!, To!, image.ToString(), change.Commit,
                    change.PullRequest is { MergeCommit: null } pending ? pending.Url : null));
        }));
}
