using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// Rollout progress for people and for logs. Without a live display (CI hosts, redirected output) every change is a line,
/// which is what CI logs want. On an interactive terminal each workload is a row redrawn in place under the status line
/// (updated, ready and available of desired), and only its first state, completion or failure become lines in the
/// scrollback; Flux's progress stays lines. Disposing removes the rows.
/// </summary>
internal sealed class RolloutLog(TextWriter log, ILiveDisplay? live = null) : IProgress<RolloutProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _completed = new(StringComparer.Ordinal);

    public void Report(RolloutProgress value)
    {
        var line = $"[{value.Elapsed:mm\\:ss}] {(value.Workload is null ? value.Subject + ": " + value.Message : value.Message)}";
        lock (_gate)
        {
            if (live is null || value.Workload is not { } state)
            {
                log.WriteLine(line);
                return;
            }
            var first = _rows.Add(value.Subject);
            live.SetRow(value.Subject, line);
            var ended = state.IsComplete || state.Verdict.Error is not null;
            if (first || (ended && _completed.Add(value.Subject)))
                log.WriteLine(line);
            if (!ended)
                _completed.Remove(value.Subject);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var row in _rows)
                live?.SetRow(row, null);
            _rows.Clear();
        }
    }
}
