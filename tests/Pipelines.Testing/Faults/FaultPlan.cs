namespace Pipelines.Testing.Faults;

/// <summary>
/// What a <see cref="FaultProxy"/> does to the connections it accepts. Shares are per connection (the proxy turns HTTP
/// keep-alive off, so per HTTP request); one seeded random sequence decides, so a plan replays the same choices.
/// </summary>
public sealed record FaultPlan
{
    /// <summary>Parse the first request line and headers as HTTP: needed for <see cref="HttpErrorShare"/> and one request per connection.</summary>
    public bool Http { get; init; }

    /// <summary>Share of connections reset after a random number of bytes in <c>[1, <see cref="ResetWithinBytes"/>]</c>.</summary>
    public double ResetShare { get; init; }

    /// <summary>Upper bound of the byte count after which a chosen connection is reset (both directions counted).</summary>
    public int ResetWithinBytes { get; init; } = 4096;

    /// <summary>Share of connections delayed by <see cref="Delay"/> before anything is forwarded.</summary>
    public double DelayShare { get; init; }

    /// <summary>How long a delayed connection waits.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Share of HTTP requests answered with one of <see cref="HttpStatuses"/> (only with <see cref="Http"/>).</summary>
    public double HttpErrorShare { get; init; }

    /// <summary>Statuses an injected HTTP error uses, picked in turn by the random sequence.</summary>
    public IReadOnlyList<int> HttpStatuses { get; init; } = [500, 503, 429];

    /// <summary>Stop injecting after this many faults (keeps every run bounded); unlimited when null.</summary>
    public int? MaxFaults { get; init; }

    /// <summary>Requests whose request line contains none of these strings pass untouched (e.g. only <c>"/manifests/"</c>); all are eligible when empty.</summary>
    public IReadOnlyList<string> OnlyRequestsContaining { get; init; } = [];

    /// <summary>The target is "down": every HTTP request gets 503, every plain connection is reset at once.</summary>
    public bool Down { get; init; }

    /// <summary>The seed of the decision sequence.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>No faults: a plain forwarder.</summary>
    public static FaultPlan Clean { get; } = new();

    /// <summary>Total share of faulty connections.</summary>
    public double FaultShare => ResetShare + DelayShare + HttpErrorShare;
}
