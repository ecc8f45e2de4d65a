using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Signing;

namespace Pipelines.Containers.Aws;

/// <summary>
/// The one adapter over AWSSDK.Core's SigV4 signing API. Every use of <c>Amazon.Runtime.Signing</c> and the signature
/// computation lives in this file, because those names change between SDK versions (the version is pinned exactly).
/// </summary>
/// <param name="credentials">Credentials to sign with (resolved on every call, so refreshing credentials stay current).</param>
/// <param name="region">The signing region, e.g. <c>cn-north-1</c>.</param>
/// <param name="service">The signing service name, e.g. <c>ecr</c>.</param>
public sealed class AwsRequestSigner(AWSCredentials credentials, string region, string service)
{
    /// <summary>The signing region.</summary>
    public string Region => region;

    /// <summary>
    /// Signs <paramref name="request"/>, whose body is exactly <paramref name="body"/>, at <paramref name="signedAtUtc"/> and adds the
    /// signature headers (Authorization, X-Amz-Date, X-Amz-Content-SHA256, and X-Amz-Security-Token for session credentials).
    /// Headers on the request that are signed must not change afterwards.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, byte[] body, DateTime signedAtUtc, CancellationToken ct = default)
    {
        var signingRequest = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri! };
        if (body.Length > 0)
            signingRequest.Content = body;
        if (request.Content?.Headers.ContentType is { } contentType)
            signingRequest.Headers["Content-Type"] = contentType.ToString();
        if (body.Length > 0)
            signingRequest.Headers["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase))
                signingRequest.Headers[header.Key] = string.Join(",", header.Value.Select(v => v.Trim()));
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = Amazon.RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignPayload = true,
            SignedAt = signedAtUtc,
        };
        var result = await AWSSigV4Signer.SignAsync(signingRequest, parameters, ct).ConfigureAwait(false);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// Computes the SigV4 signature of a canonical request with the SDK's signature computation (string to sign, derived key,
    /// HMAC). Used to check the adapter against the official SigV4 test-suite vectors, whose canonical requests are published.
    /// </summary>
    public static string ComputeSignature(string accessKey, string secretKey, string region, string service, DateTime signedAtUtc, string signedHeaders, string canonicalRequest) =>
        AWS4Signer.ComputeSignature(accessKey, secretKey, region, signedAtUtc, service, signedHeaders, canonicalRequest).Signature;
}
