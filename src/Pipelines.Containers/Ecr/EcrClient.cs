using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipelines.Containers.Aws;
using Pipelines.Tooling;
using Polly;

namespace Pipelines.Containers.Ecr;

/// <summary>
/// A thin Amazon ECR control-plane client: the JSON 1.1 protocol over <see cref="HttpClient"/>, signed by <see cref="AwsRequestSigner"/>,
/// with retries on throttling, 5xx and dropped connections, and clock-skew correction learned from the server's <c>Date</c>.
/// </summary>
public sealed partial class EcrClient : IDisposable
{
    const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";
    static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    static readonly TimeSpan SkewThreshold = TimeSpan.FromMinutes(4);

    readonly EcrClientOptions _options;
    readonly HttpClient _http;
    readonly AwsRequestSigner _signer;
    readonly ResiliencePipeline _retry;
    TimeSpan _clockCorrection;

    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    public EcrClient(EcrClientOptions options)
    {
        _options = options;
        // Redirects are never followed below the signer: a replayed signature would not match the new URL.
        _http = options.Bounds.CreateClient(options.HttpHandler, followRedirects: false);
        _signer = new AwsRequestSigner(options.Credentials, options.Region, "ecr");
        _retry = RetryPipelines.Create(options.MaxAttempts, options.RetryBaseDelay,
            new PredicateBuilder().Handle<EcrThrottlingException>().Handle<EcrException>(e => e.StatusCode >= 500).Handle<HttpRequestException>(),
            options.TimeProvider);
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _options.ResolvedEndpoint;

    /// <summary>The correction applied to the local clock when signing, learned from a clock-skew error.</summary>
    public TimeSpan ClockCorrection => _clockCorrection;

    /// <summary>Gets a registry login for the caller's default registry (or <paramref name="registryId"/>).</summary>
    public async Task<EcrAuthorizationToken> GetAuthorizationTokenAsync(string? registryId = null, CancellationToken ct = default)
    {
        var body = new JsonObject();
        if (registryId is not null)
            body["registryIds"] = new JsonArray(registryId);
        return await CallAsync("GetAuthorizationToken", body, response =>
        {
            var data = response.GetProperty("authorizationData").EnumerateArray().FirstOrDefault();
            if (data.ValueKind != JsonValueKind.Object)
                throw new EcrException("InvalidResponse", $"ECR GetAuthorizationToken at {Endpoint} returned no authorization data", $"check the {ContainerInputs.EcrEndpoint}", 200);
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(data.GetProperty("authorizationToken").GetString()!));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new EcrException("InvalidResponse", $"ECR GetAuthorizationToken at {Endpoint} returned a token that is not user:password", $"check the {ContainerInputs.EcrEndpoint}", 200);
            return new EcrAuthorizationToken(decoded[..colon], decoded[(colon + 1)..], new Uri(data.GetProperty("proxyEndpoint").GetString()!), ReadTime(data, "expiresAt") ?? DateTimeOffset.UtcNow.AddHours(12));
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Describes one repository; null when it does not exist.</summary>
    public async Task<EcrRepository?> DescribeRepositoryAsync(string repositoryName, string? registryId = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["repositoryNames"] = new JsonArray(repositoryName) };
        if (registryId is not null)
            body["registryId"] = registryId;
        try
        {
            return await CallAsync("DescribeRepositories", body, response => response.GetProperty("repositories").EnumerateArray().Select(ReadRepository).FirstOrDefault(), ct)
                .ConfigureAwait(false);
        }
        catch (EcrRepositoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates a repository with <paramref name="settings"/>.</summary>
    public async Task<EcrRepository> CreateRepositoryAsync(string repositoryName, EcrRepositorySettings settings, string? registryId = null, CancellationToken ct = default)
    {
        var encryption = new JsonObject { ["encryptionType"] = settings.EncryptionType };
        if (settings.KmsKey is not null)
            encryption["kmsKey"] = settings.KmsKey;
        var body = new JsonObject
        {
            ["repositoryName"] = repositoryName,
            ["imageTagMutability"] = settings.TagMutability,
            ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = settings.ScanOnPush },
            ["encryptionConfiguration"] = encryption,
        };
        if (registryId is not null)
            body["registryId"] = registryId;
        return await CallAsync("CreateRepository", body, response => ReadRepository(response.GetProperty("repository")), ct).ConfigureAwait(false);
    }

    /// <summary>Gets the manifest of a tag or digest (<c>sha256:…</c>), byte for byte; null when absent.</summary>
    public async Task<EcrImageManifest?> BatchGetImageAsync(string repositoryName, string tagOrDigest, string? registryId = null, CancellationToken ct = default)
    {
        var id = tagOrDigest.StartsWith("sha256:", StringComparison.Ordinal)
            ? new JsonObject { ["imageDigest"] = tagOrDigest }
            : new JsonObject { ["imageTag"] = tagOrDigest };
        var body = new JsonObject
        {
            ["repositoryName"] = repositoryName,
            ["imageIds"] = new JsonArray(id),
            ["acceptedMediaTypes"] = new JsonArray(
                "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"),
        };
        if (registryId is not null)
            body["registryId"] = registryId;
        return await CallAsync("BatchGetImage", body, response => response.GetProperty("images").EnumerateArray().Select(i => new EcrImageManifest(
            i.GetProperty("imageId").GetProperty("imageDigest").GetString()!,
            i.TryGetProperty("imageManifestMediaType", out var mt) ? mt.GetString()! : "application/vnd.docker.distribution.manifest.v2+json",
            i.GetProperty("imageManifest").GetString()!)).FirstOrDefault(), ct).ConfigureAwait(false);
    }

    /// <summary>Gets an image's scan status and findings (most severe first).</summary>
    public async Task<EcrScanFindings> DescribeImageScanFindingsAsync(string repositoryName, string digest, string? registryId = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["repositoryName"] = repositoryName, ["imageId"] = new JsonObject { ["imageDigest"] = digest } };
        if (registryId is not null)
            body["registryId"] = registryId;
        return await CallAsync("DescribeImageScanFindings", body, ReadScanFindings, ct).ConfigureAwait(false);
    }

    static EcrScanFindings ReadScanFindings(JsonElement response)
    {
        var status = response.TryGetProperty("imageScanStatus", out var s) && s.TryGetProperty("status", out var st) ? st.GetString()! : "UNKNOWN";
        var findings = new List<EcrScanFinding>();
        if (response.TryGetProperty("imageScanFindings", out var f) && f.TryGetProperty("findings", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                Enum.TryParse<ScanSeverity>(item.TryGetProperty("severity", out var sev) ? sev.GetString() : null, ignoreCase: true, out var severity);
                findings.Add(new EcrScanFinding(
                    item.TryGetProperty("name", out var n) ? n.GetString()! : "(unnamed)", severity,
                    item.TryGetProperty("description", out var d) ? d.GetString() : null,
                    item.TryGetProperty("uri", out var u) ? u.GetString() : null));
            }
        }
        return new EcrScanFindings(status, findings.OrderByDescending(x => x.Severity).ToList());
    }

    /// <summary>Calls one JSON 1.1 operation and reads its answer with <paramref name="read"/>; an answer of another shape than the
    /// operation's (a missing field, a number where a string belongs) fails in one line naming the operation and the endpoint.</summary>
    async Task<T> CallAsync<T>(string operation, JsonObject body, Func<JsonElement, T> read, CancellationToken ct)
    {
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        var answer = await _retry.ExecuteAsync(async token => await SendOnceAsync(operation, payload, allowSkewRetry: true, token).ConfigureAwait(false), ct).ConfigureAwait(false);
        try
        {
            return read(answer);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            throw Misshapen(operation);
        }
    }

    EcrException Misshapen(string operation) =>
        new("InvalidResponse", $"ECR {operation} at {Endpoint} answered with something that is not the JSON of an ECR {operation} answer",
            $"check the {ContainerInputs.EcrEndpoint}: it should be ECR's API (or a faithful proxy of it)", 200);

    async Task<JsonElement> SendOnceAsync(string operation, byte[] payload, bool allowSkewRetry, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        // ByteArrayContent, not StringContent: StringContent appends a charset to the content type, which breaks the signature.
        request.Content = new ByteArrayContent(payload);
        request.Content.Headers.ContentType = JsonContentType;
        var localNow = _options.TimeProvider.GetUtcNow().UtcDateTime;
        await _signer.SignAsync(request, payload, localNow + _clockCorrection, ct).ConfigureAwait(false);

        HttpResponseMessage sent;
        try
        {
            sent = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (NetworkBounds.IsAnswerTimeout(e))
        {
            throw new EcrException("Timeout", $"ECR {operation} at {Endpoint} did not answer within {_options.Bounds.Answer}",
                $"check the {ContainerInputs.EcrEndpoint} and the network path to it", 0);
        }
        catch (HttpRequestException e) when (NetworkBounds.IsOversized(e))
        {
            throw new EcrException("InvalidResponse", $"ECR {operation} at {Endpoint} answered with more than {NetworkBounds.MaxAnswerText} (no ECR answer is that large)",
                $"check the {ContainerInputs.EcrEndpoint}: it should be ECR's API (or a faithful proxy of it)", 200);
        }
        using var response = sent;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                using var answer = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                return answer.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Misshapen(operation);
            }
        }

        var (type, message) = ReadError(text);
        if (allowSkewRetry && IsSkewError(type, message) && response.Headers.Date is { } serverDate)
        {
            var skew = serverDate.UtcDateTime - localNow;
            if ((skew - _clockCorrection).Duration() > SkewThreshold)
            {
                _clockCorrection = skew;
                return await SendOnceAsync(operation, payload, allowSkewRetry: false, ct).ConfigureAwait(false);
            }
        }
        throw MapError(operation, type, message, (int)response.StatusCode);
    }

    static bool IsSkewError(string type, string message) =>
        type is "InvalidSignatureException" or "SignatureDoesNotMatch" or "RequestExpired" or "RequestTimeTooSkewed" or "RequestInTheFuture"
        && (type.StartsWith("Request", StringComparison.Ordinal)
            || message.Contains("expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not yet current", StringComparison.OrdinalIgnoreCase)
            || message.Contains("skew", StringComparison.OrdinalIgnoreCase));

    static (string Type, string Message) ReadError(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            var type = root.TryGetProperty("__type", out var t) ? t.GetString() ?? "" : "";
            // "__type" may be qualified ("com.amazonaws.ecr#RepositoryNotFoundException") or carry a suffix after ':'.
            type = type[(type.LastIndexOf('#') + 1)..];
            if (type.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                type = type[..colon];
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : root.TryGetProperty("Message", out var m2) ? m2.GetString() : null;
            return (type, message ?? "");
        }
        catch (JsonException)
        {
            return ("", text.Length > 200 ? text[..200] : text);
        }
    }

    EcrException MapError(string operation, string type, string message, int status)
    {
        var detail = string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var prefix = $"ECR {operation} in {_options.Region} failed: {(type.Length == 0 ? $"HTTP {status}" : type)}{(detail.Length == 0 ? "" : $" ({detail})")}";
        return type switch
        {
            "AccessDeniedException" => new EcrAccessDeniedException(type, $"{prefix}", $"allow ecr:{operation} for this identity in its IAM policy", status),
            "RepositoryNotFoundException" => new EcrRepositoryNotFoundException(type, $"{prefix}", $"create the repository or check the {ContainerInputs.EcrRepositoryName}", status),
            "RepositoryAlreadyExistsException" => new EcrRepositoryAlreadyExistsException(type, $"{prefix}", $"", status),
            "ImageNotFoundException" => new EcrImageNotFoundException(type, $"{prefix}", $"", status),
            "ThrottlingException" or "ThrottledException" or "TooManyRequestsException" or "RequestLimitExceeded" => new EcrThrottlingException(type, $"{prefix}", $"retry later", status),
            "ScanNotFoundException" => new EcrScanNotFoundException(type, $"{prefix}", $"enable scan on push for the repository", status),
            "InvalidSignatureException" or "SignatureDoesNotMatch" or "UnrecognizedClientException" or "IncompleteSignature" or "ExpiredTokenException"
                => new EcrInvalidSignatureException(type, $"{prefix}", $"check the {ContainerInputs.AwsCredentials}, the {ContainerInputs.Region} and the system clock", status),
            _ when status == (int)HttpStatusCode.TooManyRequests => new EcrThrottlingException(type, $"{prefix}", $"retry later", status),
            _ => new EcrException(type, $"{prefix}", status >= 500 ? ErrorText.Of($"ECR is unavailable: retry later") : ErrorText.Empty, status),
        };
    }

    static EcrRepository ReadRepository(JsonElement r) => new(
        r.GetProperty("repositoryName").GetString()!,
        r.GetProperty("repositoryUri").GetString()!,
        r.TryGetProperty("repositoryArn", out var arn) ? arn.GetString()! : "",
        r.TryGetProperty("registryId", out var id) ? id.GetString()! : "",
        r.TryGetProperty("imageTagMutability", out var mut) ? mut.GetString()! : "MUTABLE",
        r.TryGetProperty("imageScanningConfiguration", out var scan) && scan.TryGetProperty("scanOnPush", out var sop) && sop.GetBoolean(),
        r.TryGetProperty("encryptionConfiguration", out var enc) && enc.TryGetProperty("encryptionType", out var et) ? et.GetString()! : "AES256");

    static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000))
            : null;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
