namespace Pipelines.Kubernetes.Verifying;

/// <summary>An instant query of the Prometheus HTTP API (<c>GET /api/v1/query</c>) whose every sample must lie within the bounds.</summary>
/// <param name="Server">The Prometheus server: its base URL, or its Service through the service proxy.</param>
/// <param name="Query">The PromQL expression, e.g. an error rate.</param>
/// <param name="Max">The largest value a sample may have, if any.</param>
/// <param name="Min">The smallest value a sample may have, if any.</param>
public sealed record PrometheusCheck(VerificationEndpoint Server, string Query, double? Max, double? Min)
{
    /// <summary><c>query &lt;= max</c>, <c>min &lt;= query</c>, or both, for a line.</summary>
    public string Condition =>
        (Min is { } min ? $"{Format(min)} <= " : "") + Query + (Max is { } max ? $" <= {Format(max)}" : "");

    internal static string Format(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
