using Pipelines.Kubernetes;

namespace Pipelines.Components.Kubernetes;

/// <summary>
/// Progress to the target's log: one line per change (what CI logs want); on a terminal the same lines, since the engine
/// buffers per target under --parallel and a rewritten line would be lost there.
/// </summary>
internal sealed class RolloutLog(TextWriter log) : IProgress<RolloutProgress>
{
    private readonly Lock _gate = new();

    public void Report(RolloutProgress value)
    {
        lock (_gate)
            log.WriteLine($"[{value.Elapsed:mm\\:ss}] {(value.Workload is null ? value.Subject + ": " + value.Message : value.Message)}");
    }
}
