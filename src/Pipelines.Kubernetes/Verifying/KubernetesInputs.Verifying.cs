using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

public static partial class KubernetesInputs
{
    /// <summary>The Service a verification checks through the API server's service proxy.</summary>
    public static readonly Input VerifyService = new("verified Service");

    /// <summary>The URL a verification checks instead of the service proxy (e.g. an ingress).</summary>
    public static readonly Input VerifyUrl = new("verified URL");

    /// <summary>The path requested through the service proxy.</summary>
    public static readonly Input VerifyPath = new("verified path");

    /// <summary>The status codes a check accepts.</summary>
    public static readonly Input VerifyStatus = new("accepted status codes");

    /// <summary>What the answer's body must contain.</summary>
    public static readonly Input VerifyBody = new("expected body content");

    /// <summary>How long the app must keep passing its checks.</summary>
    public static readonly Input VerifySoak = new("soak duration");

    /// <summary>The time between two checks.</summary>
    public static readonly Input VerifyInterval = new("check interval");

    /// <summary>The bound on one check.</summary>
    public static readonly Input VerifyCheckTimeout = new("check timeout");

    /// <summary>How long the app may keep failing before its first passing check.</summary>
    public static readonly Input VerifyGrace = new("grace period");

    /// <summary>The Prometheus HTTP API's base URL.</summary>
    public static readonly Input PrometheusUrl = new("Prometheus URL");

    /// <summary>The Prometheus Service, reached through the service proxy.</summary>
    public static readonly Input PrometheusService = new("Prometheus Service");

    /// <summary>The PromQL instant query a check evaluates.</summary>
    public static readonly Input PrometheusQuery = new("Prometheus query");

    /// <summary>The largest value the query may return.</summary>
    public static readonly Input PrometheusMax = new("Prometheus maximum");

    /// <summary>The smallest value the query may return.</summary>
    public static readonly Input PrometheusMin = new("Prometheus minimum");
}
