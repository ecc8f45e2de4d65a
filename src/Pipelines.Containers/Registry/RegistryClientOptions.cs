namespace Pipelines.Containers.Registry;

/// <summary>Settings of an <see cref="OciRegistryClient"/>.</summary>
/// <param name="Registry">The registry host with an optional port, e.g. <c>127.0.0.1:5000</c> or <c>123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn</c>.</param>
public sealed record RegistryClientOptions(string Registry)
{
    /// <summary>Credentials for basic auth or for the bearer-token exchange; anonymous when null.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Fetches new credentials when the registry refuses the current ones (401 or 403, e.g. an expired ECR token); each
    /// refused request is sent once more with them. Refused credentials are final when null.</summary>
    public Func<CancellationToken, Task<RegistryCredentials>>? RefreshCredentials { get; init; }

    /// <summary>Talk plain HTTP. When null, loopback hosts (127.0.0.1, localhost, ::1) use HTTP and every other host HTTPS.</summary>
    public bool? PlainHttp { get; init; }

    /// <summary>Attempts per request on 429, 5xx and dropped connections.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the registry may take to accept a connection and to answer one request.</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>The HTTP handler to send through (tests, proxies, custom CA); a new one when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public Uri BaseUri
    {
        get
        {
            var host = Registry.Split(':')[0];
            var plain = PlainHttp ?? (host is "127.0.0.1" or "localhost" or "[::1]");
            return new Uri($"{(plain ? "http" : "https")}://{Registry}");
        }
    }
}
