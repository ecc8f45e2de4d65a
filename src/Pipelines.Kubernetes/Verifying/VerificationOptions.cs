using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>What to check, how often and for how long.</summary>
public sealed record VerificationOptions
{
    /// <summary>Where the app is asked: a Service through the service proxy, a URL, or null for the one Service whose selector
    /// matches the workloads' pods.</summary>
    public VerificationEndpoint? App { get; init; }

    /// <summary>The path (and query) requested from a Service; a URL is requested as given.</summary>
    public string Path { get; init; } = "/healthz";

    /// <summary>The status codes accepted.</summary>
    public StatusRange AcceptedStatus { get; init; } = StatusRange.Default;

    /// <summary>Text the answer's body must contain, every item (e.g. the image tag the app serves on <c>/version</c>).</summary>
    public IReadOnlyList<string> BodyMustContain { get; init; } = [];

    /// <summary>A Prometheus query every check also evaluates; null for none.</summary>
    public PrometheusCheck? Prometheus { get; init; }

    /// <summary>How long the app must keep passing after its first passing check; zero checks once.</summary>
    public TimeSpan Soak { get; init; }

    /// <summary>The time between the starts of two checks.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The bound on one request (connect, answer and body).</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the app may keep failing before its first passing check (a load balancer still registering targets).</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The workloads whose pods must neither restart nor lose readiness during the soak; when empty, every
    /// Deployment, StatefulSet and DaemonSet in <see cref="Namespaces"/> that uses <see cref="Image"/>'s repository.</summary>
    public IReadOnlyList<WorkloadReference> Workloads { get; init; } = [];

    /// <summary>Namespaces searched for workloads when none is named; the connection's namespace when empty.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>The image verified: only its pods are watched, and the digests they run are reported.</summary>
    public ExpectedImage? Image { get; init; }

    /// <summary>The largest body read from an answer; the rest is not read.</summary>
    public int MaxBody { get; init; } = 1024 * 1024;

    /// <summary>How long the API may stay unreachable while the pods are watched.</summary>
    public TimeSpan ApiOutageTolerance { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The bound on the whole verification: the grace period, the soak, and a check's and an interval's worth more.</summary>
    public TimeSpan TotalBound => Grace + Soak + Interval + CheckTimeout + CheckTimeout;

    /// <summary>Refuses values that would make a verification hang, pass without checking, or leave the service proxy.</summary>
    /// <exception cref="KubernetesInputException">A value is refused; the message names it.</exception>
    public void Validate()
    {
        Bound(Interval, KubernetesInputs.VerifyInterval, positive: true);
        Bound(CheckTimeout, KubernetesInputs.VerifyCheckTimeout, positive: true);
        Bound(Grace, KubernetesInputs.VerifyGrace, positive: false);
        Bound(Soak, KubernetesInputs.VerifySoak, positive: false);
        if (Soak > TimeSpan.FromDays(7))
            throw new KubernetesInputException(KubernetesInputs.VerifySoak, $"{Soak} is longer than a week", $"give a soak a CI job can wait for, e.g. 00:30:00");
        if (App is not UrlEndpoint)
            RequestPath.Check(Path, KubernetesInputs.VerifyPath);
        if (Prometheus is { } p)
        {
            if (string.IsNullOrWhiteSpace(p.Query) || p.Query.Length > 4096)
                throw new KubernetesInputException(KubernetesInputs.PrometheusQuery, $"is {(string.IsNullOrWhiteSpace(p.Query) ? "empty" : $"{p.Query.Length} characters long")}",
                    $"give a PromQL expression such as sum(rate(http_requests_total{{code=~\"5..\"}}[5m]))");
            if (p.Max is null && p.Min is null)
                throw new KubernetesInputException(KubernetesInputs.PrometheusQuery, $"has no threshold", $"give the {KubernetesInputs.PrometheusMax}, the {KubernetesInputs.PrometheusMin}, or both");
            if (p.Max is { } max && p.Min is { } min && min > max)
                throw new KubernetesInputException(KubernetesInputs.PrometheusMin, $"{PrometheusCheck.Format(min)} is above the {KubernetesInputs.PrometheusMax} {PrometheusCheck.Format(max)}",
                    $"give a minimum at or below the maximum");
        }
        foreach (var ns in Namespaces)
            KubernetesNameRules.RequireNamespace(ns, KubernetesInputs.Namespace);
    }

    /// <summary>Parses a threshold as given (<c>0.01</c>, <c>1e-3</c>), or refuses it naming <paramref name="input"/>.</summary>
    /// <exception cref="KubernetesInputException">It is not a finite number.</exception>
    public static double? ParseThreshold(string? text, Input input)
    {
        if (text is null) return null;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' is not a number", $"give e.g. 0.01 or 250");
        return value;
    }

    private static void Bound(TimeSpan value, Input input, bool positive)
    {
        if (value < TimeSpan.Zero || (positive && value == TimeSpan.Zero) || value == System.Threading.Timeout.InfiniteTimeSpan)
            throw new KubernetesInputException(input, $"{value} is not {(positive ? "a positive" : "a")} duration", $"give e.g. 00:00:10");
    }
}
