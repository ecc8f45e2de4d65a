using Pipelines.Containers.Running;

namespace Pipelines.Containers.Tests.Running;

/// <summary>
/// Which probe a smoke test's verdict rests on. The last request before the deadline gets only what is left of the bound:
/// silence within that sliver must not turn "never listened" into "no answer", while silence within a real bound must.
/// </summary>
public sealed class ProbeVerdicts
{
    static readonly ProbeAttempt Refused = new(ProbeOutcome.NotListening, 0, null, "");
    static readonly ProbeAttempt Silence = new(ProbeOutcome.Silent, 0, null, "");
    static readonly ProbeAttempt Unavailable = new(ProbeOutcome.Answered, 503, "Service Unavailable", "starting");
    static readonly TimeSpan Full = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Sliver = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Silence_in_the_sliver_the_deadline_left_keeps_the_refusals_before_it()
    {
        var probes = new ProbeHistory();
        probes.Record(Refused, Full);
        probes.Record(Refused, Full);
        probes.Record(Silence, Sliver);

        Assert.Same(Refused, probes.Decisive);
    }

    [Fact]
    public void Silence_in_the_sliver_keeps_an_earlier_answer_too()
    {
        var probes = new ProbeHistory();
        probes.Record(Unavailable, Full);
        probes.Record(Silence, ProbeHistory.ConclusiveSilence - TimeSpan.FromTicks(1));

        Assert.Same(Unavailable, probes.Decisive);
    }

    [Fact]
    public void Silence_within_a_conclusive_bound_is_the_verdict()
    {
        var probes = new ProbeHistory();
        probes.Record(Refused, Full);
        probes.Record(Silence, ProbeHistory.ConclusiveSilence);

        Assert.Same(Silence, probes.Decisive);
    }

    [Fact]
    public void The_only_attempt_counts_however_short_its_bound()
    {
        var probes = new ProbeHistory();
        probes.Record(Silence, Sliver);

        Assert.Same(Silence, probes.Decisive);
    }

    [Fact]
    public void A_refusal_after_silence_is_the_verdict()
    {
        var probes = new ProbeHistory();
        probes.Record(Silence, Full);
        probes.Record(Refused, Sliver);

        Assert.Same(Refused, probes.Decisive);
    }

    [Fact]
    public void Before_any_attempt_the_verdict_is_never_listened()
    {
        Assert.Equal(ProbeOutcome.NotListening, new ProbeHistory().Decisive.Outcome);
    }
}
