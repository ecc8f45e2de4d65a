namespace Pipelines.Containers.Running;

/// <summary>
/// The probes of one smoke test so far, reduced to the attempt its verdict rests on. Each attempt replaces the one before,
/// except silence within less than <see cref="ConclusiveSilence"/> after an earlier attempt: the probe loop runs until the
/// deadline, so its last request gets only what is left of the bound, and within a sliver of time a loaded machine's
/// engine proxy may not even have refused the connection yet. Such silence says nothing of the app; the attempts before it tell.
/// </summary>
internal sealed class ProbeHistory
{
    /// <summary>The shortest bound within which silence is taken as the app's answer.</summary>
    public static readonly TimeSpan ConclusiveSilence = TimeSpan.FromMilliseconds(500);

    bool _recorded;

    /// <summary>The attempt the verdict rests on: "not listening" until a probe has told otherwise.</summary>
    public ProbeAttempt Decisive { get; private set; } = new(ProbeOutcome.NotListening, 0, null, "");

    /// <summary>Takes in one attempt made within <paramref name="bound"/>.</summary>
    public void Record(ProbeAttempt attempt, TimeSpan bound)
    {
        if (!(attempt.Outcome == ProbeOutcome.Silent && bound < ConclusiveSilence && _recorded))
            Decisive = attempt;
        _recorded = true;
    }
}
