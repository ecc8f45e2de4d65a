namespace Pipelines.Kubernetes.Tests;

/// <summary>A clock the test moves by hand, so timeouts and grace periods pass on a signal instead of by sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource Signal)> _waiters = new();

    /// <summary>Completes when a timer is set whose due time (from now) matches: the sign that the code under test is waiting on it.
    /// A timer that never matches fails the test within 30 s, naming the timers that were set, rather than hanging the run.</summary>
    public Task TimerSet(Func<TimeSpan, bool> match)
    {
        lock (_gate)
        {
            if (_timers.Any(t => t.Due is { } d && match(d - _now))) return Task.CompletedTask;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, tcs));
            return Bounded(tcs.Task);
        }
    }

    private async Task Bounded(Task signal)
    {
        try
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            string set;
            lock (_gate)
                set = string.Join(", ", _timers.Where(t => t.Due is not null).Select(t => (t.Due!.Value - _now).ToString()));
            throw new TimeoutException($"no matching timer was set; the timers due: {(set.Length > 0 ? set : "none")}");
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var t in due) t.Due = null;
        }
        foreach (var t in due) t.Fire();
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            List<TaskCompletionSource> fire;
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                fire = Due is null ? [] : clock._waiters.Where(w => w.Match(dueTime)).Select(w => w.Signal).ToList();
                clock._waiters.RemoveAll(w => fire.Contains(w.Signal));
            }
            foreach (var f in fire) f.TrySetResult();
            return true;
        }

        public void Dispose() { lock (clock._gate) clock._timers.Remove(this); }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
