namespace Pipelines.Kubernetes.Tests;

/// <summary>Collects progress reports synchronously and lets a test await one: the signal that replaces sleeping.</summary>
internal sealed class ProgressLog : IProgress<RolloutProgress>
{
    private readonly Lock _gate = new();
    private readonly List<RolloutProgress> _reports = new();
    private readonly List<(Func<RolloutProgress, bool> Match, TaskCompletionSource<RolloutProgress> Signal)> _waiters = new();

    public IReadOnlyList<RolloutProgress> Reports { get { lock (_gate) return _reports.ToList(); } }

    public void Report(RolloutProgress value)
    {
        List<TaskCompletionSource<RolloutProgress>> fire;
        lock (_gate)
        {
            _reports.Add(value);
            fire = _waiters.Where(w => w.Match(value)).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => fire.Contains(w.Signal));
        }
        foreach (var f in fire) f.TrySetResult(value);
    }

    public Task<RolloutProgress> WaitFor(Func<RolloutProgress, bool> match)
    {
        lock (_gate)
        {
            var seen = _reports.FirstOrDefault(match);
            if (seen is not null) return Task.FromResult(seen);
            var tcs = new TaskCompletionSource<RolloutProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, tcs));
            return Bounded(tcs.Task);
        }
    }

    // A report that never comes fails the test with what was reported, rather than hanging the run.
    private async Task<RolloutProgress> Bounded(Task<RolloutProgress> signal)
    {
        try
        {
            return await signal.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("the awaited progress report did not come; reported: " + string.Join(" | ", Reports.Select(r => r.Message)));
        }
    }
}
