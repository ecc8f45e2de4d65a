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

    /// <summary>The soak the image must have passed in <c>--from</c>.</summary>
    [Parameter("Promote: how long the image --from runs must have passed Verify there (its recorded soak), e.g. 00:30:00; without it, Promote does not ask")]
    TimeSpan? RequiredSoak => TryGetValue<TimeSpan>(() => RequiredSoak);

    /// <summary>Promote without the verification <c>--required-soak</c> asks for.</summary>
    [Parameter("Promote: promote even though --from's image was not verified for --required-soak; the summary says so")]
    bool ForceUnverified => TryGetValue(() => ForceUnverified) ?? false;

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
                RequiredSoak = RequiredSoak,
                ForceUnverified = ForceUnverified,
            };
            var change = await ConfigRepoTargets.Open(this).PromoteAsync(request, ct).ConfigureAwait(false);
            ConfigRepoTargets.Report(this, change);
            if (change.Verification is { } evidence)
                Note(evidence.Forced
                    ? $"promoted UNVERIFIED with --force-unverified: {From} showed no passing verification of {evidence.Required} ({evidence.Shortfall})"
                    : $"verified in {From}: {evidence.Record!.Describe()}");
            if (change.Image is { } image && change.Outcome is ChangeOutcome.Pushed or ChangeOutcome.PullRequest or ChangeOutcome.AlreadyCurrent)
                Outputs.Set(Promotion.OutputName, new Promotion(From!, To!, image.ToString(), change.Commit,
                    change.PullRequest is { MergeCommit: null } pending ? pending.Url : null,
                    change.PullRequest is { MergeCommit: null } open ? open.Number : null));
        }));
}
