namespace Pipelines.Kubernetes;

/// <summary>What <c>kubectl rollout status</c> concludes from one observation of a workload.</summary>
/// <param name="Done">The rollout is complete.</param>
/// <param name="Message">kubectl's message, e.g. <c>Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...</c>.</param>
/// <param name="Error">kubectl's error (the rollout failed or cannot be followed), e.g. <c>deployment "web" exceeded its progress deadline</c>.</param>
public sealed record RolloutVerdict(bool Done, string Message, string? Error = null);
