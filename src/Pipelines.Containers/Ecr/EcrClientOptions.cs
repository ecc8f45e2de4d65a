using Amazon.Runtime;

namespace Pipelines.Containers.Ecr;

/// <summary>Settings of an <see cref="EcrClient"/>.</summary>
/// <param name="Region">The region, e.g. <c>cn-north-1</c>; it selects the endpoint's partition and the signing region.</param>
/// <param name="Credentials">Credentials to sign with.</param>
public sealed record EcrClientOptions(string Region, AWSCredentials Credentials)
{
    /// <summary>An endpoint to use instead of the region's default (VPC interface endpoints, tests).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Use the FIPS endpoint (<c>ecr-fips.&lt;region&gt;…</c>) when no endpoint is given.</summary>
    public bool UseFips { get; init; }

    /// <summary>How many attempts a call gets on throttling, 5xx or a dropped connection.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first retry delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the API may take to accept a connection and to answer.</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>The HTTP handler to send through (tests, proxies); a new one when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The clock; UTC now when null. Requests are signed at this time plus any learned clock-skew correction.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The endpoint calls go to.</summary>
    public Uri ResolvedEndpoint => Endpoint ?? Aws.AwsPartition.EcrEndpoint(Region, UseFips);
}
