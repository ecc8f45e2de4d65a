namespace Pipelines.Kubernetes;

/// <summary>The last observed state of one workload's rollout.</summary>
/// <param name="Workload">Which workload.</param>
/// <param name="Desired">Desired replicas (scheduled pods for a DaemonSet).</param>
/// <param name="Updated">Replicas of the new revision.</param>
/// <param name="Ready">Ready replicas.</param>
/// <param name="Available">Available replicas.</param>
/// <param name="RunsExpectedImage">The pod template references the expected image (tag or digest).</param>
/// <param name="Verdict">kubectl's verdict on the workload.</param>
public sealed record WorkloadState(WorkloadReference Workload, int Desired, int Updated, int Ready, int Available, bool RunsExpectedImage, RolloutVerdict Verdict)
{
    /// <summary>Done as kubectl means it, and with the expected image.</summary>
    public bool IsComplete => Verdict.Done && Verdict.Error is null && RunsExpectedImage;

    /// <summary>One line: <c>deployment/shop/web: 2/3 updated, 1 ready, 1 available (…)</c>.</summary>
    public override string ToString()
    {
        var detail = !RunsExpectedImage ? "pod template does not reference the new image yet"
            : Verdict.Error ?? Verdict.Message.TrimEnd('.', ' ');
        return $"{Workload}: {Updated}/{Desired} updated, {Ready} ready, {Available} available ({detail})";
    }
}
