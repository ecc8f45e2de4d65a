namespace Pipelines.Kubernetes.Verifying;

/// <summary>What one verification has seen so far, for its result and for a failure's.</summary>
internal sealed class VerificationRun(VerificationOptions options, IProgress<VerificationCheck>? progress, TimeProvider clock)
{
    private readonly List<VerificationCheck> _checks = [];

    public VerificationOptions Options { get; } = options;
    public string Target { get; set; } = options.App?.ToString() ?? "the app";
    public IReadOnlyList<string> Workloads { get; set; } = [];
    public IReadOnlyList<string> Digests { get; set; } = [];
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? SoakStartedAt { get; set; }
    public DateTimeOffset? SoakEndedAt { get; set; }
    public TimeSpan? FirstPassAfter { get; set; }
    public TimeSpan Soaked => SoakStartedAt is { } s && SoakEndedAt is { } e ? e - s : TimeSpan.Zero;

    public void Add(IEnumerable<VerificationCheck> checks)
    {
        foreach (var check in checks)
        {
            _checks.Add(check);
            progress?.Report(check);
        }
    }

    public VerificationResult Result(bool passed, string? failure = null) =>
        new(Target, passed, _checks.ToList(), StartedAt ?? clock.GetUtcNow(), SoakStartedAt, SoakEndedAt, Digests, Workloads)
        {
            FirstPassAfter = FirstPassAfter,
            Failure = failure,
        };

    /// <summary>The failure of this verification: "&lt;target&gt; &lt;problem&gt;", with every check so far; <paramref name="appAtFault"/>
    /// false when the app was not reached (the API server refused, or the run outlived its bound).</summary>
    public VerificationFailedException Failed(Pipelines.Tooling.ErrorTextBuilder problem, Pipelines.Tooling.ErrorTextBuilder remedy, bool appAtFault = true)
    {
        var text = Pipelines.Tooling.ErrorText.Of(problem);
        return new VerificationFailedException($"{Target}: {text}", remedy, Result(passed: false, text.Render())) { AppAtFault = appAtFault };
    }
}
