namespace Pipelines.Kubernetes.Verifying;

/// <summary>Where a check sends its request: a Service through the API server's service proxy, or a URL.</summary>
public abstract record VerificationEndpoint
{
    /// <summary>A Service port, reached through <c>/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/</c> with the cluster
    /// connection's credentials and bounds (so no ingress or node network is needed).</summary>
    public static VerificationEndpoint Service(ServiceAddress address) => new ServiceProxyEndpoint(address);

    /// <summary>A URL reached directly, without credentials.</summary>
    public static VerificationEndpoint Url(Uri url) => new UrlEndpoint(url);
}

/// <summary>A Service port behind the API server's service proxy.</summary>
/// <param name="Address">The Service port.</param>
public sealed record ServiceProxyEndpoint(ServiceAddress Address) : VerificationEndpoint
{
    /// <summary><c>service ns/name:port</c>.</summary>
    public override string ToString() => $"service {Address}";
}

/// <summary>A URL reached directly.</summary>
/// <param name="Address">The URL.</param>
public sealed record UrlEndpoint(Uri Address) : VerificationEndpoint
{
    /// <summary>The URL.</summary>
    public override string ToString() => Address.ToString();
}
