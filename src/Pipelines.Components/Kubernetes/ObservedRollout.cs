namespace Pipelines.Components;

/// <summary>The observed rollout WaitRollout hands on (output <c>rollout</c>).</summary>
/// <param name="Image">The image rolled out.</param>
/// <param name="FluxRevision">What Flux applied, when Flux was asked.</param>
/// <param name="Workloads">The workloads, <c>kind/ns/name</c>.</param>
/// <param name="Seconds">How long the wait took.</param>
public sealed record ObservedRollout(string Image, string? FluxRevision, IReadOnlyList<string> Workloads, double Seconds)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "rollout";
}
