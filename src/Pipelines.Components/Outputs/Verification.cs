namespace Pipelines.Components;

/// <summary>What Verify (output <c>verification</c>) or VerifyPromotion (output <c>promotion-verification</c>) saw of the deployed app.</summary>
/// <param name="Environment">The environment verified.</param>
/// <param name="Image">The image verified, <c>repository:tag</c> or with <c>@digest</c>.</param>
/// <param name="Target">What was asked, e.g. <c>service gitops-app-demo/gitops-app-demo:http /version</c> or a URL.</param>
/// <param name="Passed">The verdict.</param>
/// <param name="SoakStartedAt">The start of the first passing check; null when none passed.</param>
/// <param name="SoakEndedAt">The end of the last passing check; null when none passed.</param>
/// <param name="SoakSeconds">How long the app kept passing.</param>
/// <param name="FirstPassSeconds">From the first check to the end of the first passing one (the verification's own latency).</param>
/// <param name="Checks">Every check, in order, with its time and outcome.</param>
/// <param name="RunningDigests">The digests the environment's pods were seen running.</param>
/// <param name="RecordedOn">The config commit the verdict was recorded on (a git note), or null when it was not recorded.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record Verification(string Environment, string Image, string Target, bool Passed, DateTimeOffset? SoakStartedAt, DateTimeOffset? SoakEndedAt,
    double SoakSeconds, double? FirstPassSeconds, IReadOnlyList<VerifiedCheck> Checks, IReadOnlyList<string> RunningDigests, string? RecordedOn, string? Failure)
{
    /// <summary>The name under which Verify's value travels between targets and CI jobs.</summary>
    public const string OutputName = "verification";

    /// <summary>The name under which VerifyPromotion's value travels.</summary>
    public const string PromotionOutputName = "promotion-verification";
}
