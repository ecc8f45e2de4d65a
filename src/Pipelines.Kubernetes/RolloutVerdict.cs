namespace Pipelines.Kubernetes;

/// <summary>What <c>kubectl rollout status</c> (for a Rollout, <c>kubectl argo rollouts status</c>) concludes from one observation of a workload.</summary>
/// <param name="Done">The rollout is complete.</param>
/// <param name="Message">kubectl's message, e.g. <c>Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...</c>.</param>
/// <param name="Error">kubectl's error (the rollout failed or cannot be followed), e.g. <c>deployment "web" exceeded its progress deadline</c>.</param>
/// <param name="Hold">Set while the rollout will not move on by itself: what moves it, e.g. <c>`kubectl argo rollouts promote web -n shop`</c>
/// for an indefinite pause, or an approval webhook for a Flagger gate. Such a rollout is not done, and the wait goes on within
/// its timeout, as <c>kubectl argo rollouts status</c> waits through a pause.</param>
public sealed record RolloutVerdict(bool Done, string Message, string? Error = null, string? Hold = null);
