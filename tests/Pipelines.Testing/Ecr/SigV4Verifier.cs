using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Testing.Ecr;

/// <summary>
/// An independent SigV4 implementation written from the published specification (canonical request, string to sign, HMAC key
/// chain), used by the ECR stand-in to check every signature the client sends. It shares no code with the SDK.
/// </summary>
/// <param name="credentials">Known access keys and their secrets.</param>
public sealed partial class SigV4Verifier(IReadOnlyDictionary<string, string> credentials)
{
    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationHeader();

    /// <summary>A request as it arrived: method, raw path and query, headers (any case), body.</summary>
    /// <param name="Method">HTTP method.</param>
    /// <param name="Path">The path as sent (percent-encoded).</param>
    /// <param name="Query">The query string without '?', or empty.</param>
    /// <param name="Headers">Header name to value (several values joined by ',').</param>
    /// <param name="Body">The body bytes.</param>
    public sealed record Request(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    /// <summary>The outcome of a check: ok, or why not (one line).</summary>
    /// <param name="Ok">True when the signature is valid.</param>
    /// <param name="Error">Why it is not.</param>
    /// <param name="AccessKey">The access key that signed.</param>
    /// <param name="Region">The signing region.</param>
    /// <param name="Service">The signing service.</param>
    /// <param name="SignedAt">The request's X-Amz-Date.</param>
    public sealed record Result(bool Ok, string? Error, string? AccessKey = null, string? Region = null, string? Service = null, DateTime? SignedAt = null);

    /// <summary>Checks the request's Authorization header against a signature computed here.</summary>
    public Result Verify(Request request)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (!headers.TryGetValue("Authorization", out var authorization))
            return new(false, "MissingAuthenticationToken");
        var match = AuthorizationHeader().Match(authorization);
        if (!match.Success)
            return new(false, "IncompleteSignature: malformed Authorization header");
        var key = match.Groups["key"].Value;
        if (!credentials.TryGetValue(key, out var secret))
            return new(false, $"UnrecognizedClientException: unknown access key {key}");
        var signedHeaders = match.Groups["headers"].Value;
        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date"))
            return new(false, "IncompleteSignature: host and x-amz-date must be signed");
        foreach (var name in headers.Keys.Where(h => h.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase)))
        {
            if (!names.Contains(name.ToLowerInvariant()))
                return new(false, $"IncompleteSignature: header {name} is not signed");
        }
        if (!headers.TryGetValue("x-amz-date", out var amzDate)
            || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
            return new(false, "IncompleteSignature: bad X-Amz-Date");
        if (amzDate[..8] != match.Groups["date"].Value)
            return new(false, "SignatureDoesNotMatch: credential scope date differs from X-Amz-Date");
        var bodyHash = Hex(SHA256.HashData(request.Body));
        if (headers.TryGetValue("x-amz-content-sha256", out var claimed) && claimed != bodyHash)
            return new(false, "SignatureDoesNotMatch: x-amz-content-sha256 is not the body's hash");

        var canonical = CanonicalRequest(request, names, bodyHash);
        var expected = Sign(secret, amzDate, match.Groups["region"].Value, match.Groups["service"].Value, canonical);
        var given = match.Groups["sig"].Value;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
            return new(false, "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided", key);
        return new(true, null, key, match.Groups["region"].Value, match.Groups["service"].Value, signedAt);
    }

    /// <summary>The canonical request of the specification, over the given signed header names.</summary>
    public static string CanonicalRequest(Request request, IReadOnlyList<string> signedHeaderNames, string payloadHash)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalPath(request.Path)).Append('\n');
        builder.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in signedHeaderNames.OrderBy(n => n, StringComparer.Ordinal))
        {
            var value = headers.TryGetValue(name, out var v) ? v : "";
            builder.Append(name).Append(':').Append(CollapseSpaces().Replace(value.Trim(), " ")).Append('\n');
        }
        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaderNames.OrderBy(n => n, StringComparer.Ordinal))).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The signature of a canonical request: string to sign, then HMAC-SHA256 with the derived key.</summary>
    public static string Sign(string secret, string amzDate, string region, string service, string canonicalRequest)
    {
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    [GeneratedRegex(" +")]
    private static partial Regex CollapseSpaces();

    static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path))
            return "/";
        // Every service but S3 encodes each (already encoded) path segment once more.
        return string.Join('/', path.Split('/').Select(UriEncode));
    }

    static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
            return "";
        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                var v = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                return (Key: UriEncode(k), Value: UriEncode(v));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
