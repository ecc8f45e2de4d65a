using Pipelines.Components;
using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// Promote: copies the image reference one environment runs into another (<c>--from dev --to prod</c>), through a
/// pull request when the target environment asks for one, so production gets exactly what was tested.
/// </summary>
public interface IPromote : IConfigRepoParameters
{
    /// <summary>Copies the reference from <c>--from</c> into <c>--to</c>.</summary>
    Target Promote => _ => _
        .Description("Copy the image reference --from runs into --to (a pull request when --to asks for one)")
        .Requires(() => ConfigRepo)
        .Requires(() => ImageRepository)
        .Requires(() => From)
        .Requires(() => To)
        .Executes(async ct => await ConfigRepoTargets.RunAsync(async () =>
        {
            var request = new PromoteRequest(ImageRepository!, From!, To!)
            {
                PushMode = PushMode,
                DryRun = DryRun,
                BuildUrl = ConfigRepoTargets.BuildUrl(this),
            };
            try
            {
                var change = await ConfigRepoTargets.Open(this).PromoteAsync(request, ct).ConfigureAwait(false);
                ConfigRepoTargets.Report(this, change);
                if (change.Image is { } image && change.Outcome is ChangeOutcome.Pushed or ChangeOutcome.PullRequest or ChangeOutcome.AlreadyCurrent)
                    Outputs.Set(Promotion.OutputName, new Promotion(From!, To!, image.ToString(), change.Commit,
                        change.PullRequest is { MergeCommit: null } pending ? pending.Url : null));
            }
            catch (UnknownEnvironmentException e) when (e.Name == From || e.Name == To)
            {
                // The library says --environment; here the user named it with --from or --to.
                throw new InvocationException((e.Name == From ? "--from" : "--to") + e.Message["--environment".Length..]);
            }
        }).ConfigureAwait(false));
}
