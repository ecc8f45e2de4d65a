using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Pipelines.Tooling;

namespace Pipelines.Containers.Registry;

/// <summary>
/// A small client of the OCI distribution API for any registry (ECR, the CNCF registry, Harbor): manifest HEAD/GET/PUT, re-tag by
/// manifest copy, basic and bearer-token auth from the <c>WWW-Authenticate</c> challenge, credentials fetched anew once when the
/// registry refuses them (an expired ECR token), and bounded retries with backoff on 429, 5xx and dropped connections.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    /// <summary>The manifest media types asked for, so the registry returns what it stored rather than converting.</summary>
    public static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    readonly RegistryClientOptions _options;
    readonly HttpClient _http;
    readonly ResiliencePipeline _retry;
    readonly Dictionary<string, AuthenticationHeaderValue> _tokens = new(StringComparer.Ordinal);
    readonly SemaphoreSlim _authGate = new(1, 1);
    bool _useBasic;
    RegistryCredentials? _credentials;
    int _credentialsVersion;

    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    public OciRegistryClient(RegistryClientOptions options)
    {
        _options = options;
        _credentials = options.Credentials;
        _http = options.Bounds.CreateClient(options.HttpHandler);
        // A registry that accepted and said nothing for the whole answer bound is not retried: it would only hold the build longer.
        _retry = RetryPipelines.Create(options.MaxAttempts, options.RetryBaseDelay, new PredicateBuilder()
            .Handle<HttpRequestException>()
            .Handle<RegistryException>(e => e.StatusCode is 429 or >= 500 || e.InnerException is HttpRequestException inner && !NetworkBounds.IsOversized(inner)));
    }

    /// <summary>The registry this client talks to.</summary>
    public string Registry => _options.Registry;

    /// <summary>Checks the registry answers and accepts the credentials (<c>GET /v2/</c>).</summary>
    public async Task CheckAccessAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("/v2/")), scope: null, "GET /v2/", ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "GET /v2/").ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="reference"/> (tag or digest) exists, and its digest: null when absent.</summary>
    public async Task<ManifestDescriptor?> HeadManifestAsync(string repository, string reference, CancellationToken ct = default)
    {
        var what = $"HEAD {repository}:{reference}";
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, reference), PullScope(repository), what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, what).ConfigureAwait(false);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        if (digest is null)
        {
            // Some registries omit the digest on HEAD; the manifest bytes define it.
            var manifest = await GetManifestAsync(repository, reference, ct).ConfigureAwait(false);
            return new ManifestDescriptor(manifest.Digest, manifest.MediaType, manifest.Bytes.Length);
        }
        return new ManifestDescriptor(digest, response.Content.Headers.ContentType?.MediaType ?? "", response.Content.Headers.ContentLength ?? 0);
    }

    /// <summary>Gets a manifest byte for byte, with its media type.</summary>
    /// <exception cref="ManifestNotFoundException">The tag or digest is not in the repository.</exception>
    public async Task<ImageManifest> GetManifestAsync(string repository, string reference, CancellationToken ct = default)
    {
        var what = $"GET {repository}:{reference}";
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, reference), PullScope(repository), what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new ManifestNotFoundException($"registry {Registry} has no manifest {repository}:{reference}", $"check the {ContainerInputs.ImageRepository} and {ContainerInputs.ImageTag}");
        await EnsureSuccessAsync(response, what).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? ReadMediaType(bytes, what);
        var manifest = new ImageManifest(bytes, mediaType);
        // A digest names its bytes: a registry that answers other bytes for it is not to be believed, nor re-tagged from.
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && manifest.Digest != reference)
            throw new RegistryException($"registry {Registry} answered {what} with a manifest whose digest is {manifest.Digest}", 0, $"check that {Registry} is the registry meant; it did not store what it was given");
        // Read once here, so that a manifest that is not JSON is the registry's failure now, not a puzzle where it is used.
        try
        {
            _ = manifest.ConfigDigest;
        }
        catch (Exception e) when (IsMisshapen(e))
        {
            throw Misshapen(what, "a manifest");
        }
        return manifest;
    }

    /// <summary>Puts <paramref name="manifest"/> under <paramref name="tag"/> (its blobs must already be in the repository) and returns the digest.</summary>
    public async Task<string> PutManifestAsync(string repository, string tag, ImageManifest manifest, CancellationToken ct = default)
    {
        var what = $"PUT {repository}:{tag}";
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, Url($"/v2/{repository}/manifests/{Uri.EscapeDataString(tag)}"));
            request.Content = new ByteArrayContent(manifest.Bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return request;
        }, PushScope(repository), what, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what).ConfigureAwait(false);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : manifest.Digest;
    }

    /// <summary>Re-tags without pulling layers: copies the manifest of <paramref name="sourceReference"/> to <paramref name="targetTag"/>.</summary>
    public async Task<ManifestDescriptor> RetagAsync(string repository, string sourceReference, string targetTag, CancellationToken ct = default)
    {
        var manifest = await GetManifestAsync(repository, sourceReference, ct).ConfigureAwait(false);
        var digest = await PutManifestAsync(repository, targetTag, manifest, ct).ConfigureAwait(false);
        return new ManifestDescriptor(digest, manifest.MediaType, manifest.Bytes.Length);
    }

    /// <summary>Reads the labels of a single-platform image from its config blob.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetLabelsAsync(string repository, string reference, CancellationToken ct = default)
    {
        var manifest = await GetManifestAsync(repository, reference, ct).ConfigureAwait(false);
        var config = manifest.ConfigDigest ?? throw new RegistryException($"{repository}:{reference} on {Registry} is a multi-platform index", 0, $"pass a platform-specific digest");
        var what = $"GET blob {config}";
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"/v2/{repository}/blobs/{config}")), PullScope(repository), what, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (doc.RootElement.TryGetProperty("config", out var cfg) && cfg.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in l.EnumerateObject())
                    labels[p.Name] = p.Value.GetString() ?? "";
            }
            return labels;
        }
        catch (Exception e) when (IsMisshapen(e))
        {
            throw Misshapen(what, "an image config");
        }
    }

    HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, Url($"/v2/{repository}/manifests/{Uri.EscapeDataString(reference)}"));
        foreach (var type in ManifestMediaTypes)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    Uri Url(string path) => new(_options.BaseUri, path);

    static string PullScope(string repository) => $"repository:{repository}:pull";

    static string PushScope(string repository) => $"repository:{repository}:pull,push";

    async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string? scope, string what, CancellationToken ct) =>
        await _retry.ExecuteAsync(async token =>
        {
            HttpResponseMessage response;
            try
            {
                response = await SendAuthenticatedAsync(create, scope, what, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (NetworkBounds.IsAnswerTimeout(ex))
            {
                throw new RegistryException($"registry {Registry} did not answer {what} within {_options.Bounds.Answer}", 0,
                    $"check the registry address and that it is running", ex);
            }
            catch (HttpRequestException ex) when (NetworkBounds.IsOversized(ex))
            {
                throw new RegistryException($"registry {Registry} answered {what} with more than {NetworkBounds.MaxAnswerText} (no manifest, config or token is that large)", 0,
                    $"check that {Registry} is the registry meant", ex);
            }
            catch (HttpRequestException ex) when (!token.IsCancellationRequested)
            {
                throw new RegistryException($"registry {Registry} did not answer {what} ({ex.Message})", 0, $"check the registry address and that it is running", ex);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new RegistryException($"registry {Registry} answered {status} to {what} after {_options.MaxAttempts} attempts", status, $"retry later");
            }
            return response;
        }, ct).ConfigureAwait(false);

    async Task<HttpResponseMessage> SendAuthenticatedAsync(Func<HttpRequestMessage> create, string? scope, string what, CancellationToken ct)
    {
        var version = _credentialsVersion;
        var canRefresh = _options.RefreshCredentials is not null && _credentials is not null;
        try
        {
            var response = await SendChallengedAsync(create, scope, what, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Forbidden || !canRefresh)
                return response;
            response.Dispose();
        }
        catch (RegistryAuthenticationException) when (canRefresh)
        {
        }
        await RefreshCredentialsAsync(version, ct).ConfigureAwait(false);
        return await SendChallengedAsync(create, scope, what, ct).ConfigureAwait(false);
    }

    /// <summary>Uses <paramref name="credentials"/> from now on, e.g. a token another tool just renewed.</summary>
    public void UseCredentials(RegistryCredentials credentials)
    {
        _authGate.Wait();
        try
        {
            Adopt(credentials);
        }
        finally
        {
            _authGate.Release();
        }
    }

    /// <summary>Switches to <paramref name="credentials"/> and forgets bearer tokens got with the old ones (callers hold the gate).</summary>
    void Adopt(RegistryCredentials credentials)
    {
        _credentials = credentials;
        _credentialsVersion++;
        _tokens.Clear();
    }

    /// <summary>Fetches new credentials unless another request already did since <paramref name="seenVersion"/>.</summary>
    async Task RefreshCredentialsAsync(int seenVersion, CancellationToken ct)
    {
        await _authGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_credentialsVersion != seenVersion)
                return;
            Adopt(await _options.RefreshCredentials!(ct).ConfigureAwait(false));
        }
        finally
        {
            _authGate.Release();
        }
    }

    async Task<HttpResponseMessage> SendChallengedAsync(Func<HttpRequestMessage> create, string? scope, string what, CancellationToken ct)
    {
        var response = await SendWithAuthAsync(create, scope, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        if (challenge is null)
            throw Unauthorized(what, 401);
        await _authGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                if (_credentials is null || _useBasic)
                    throw Unauthorized(what, 401);
                _useBasic = true;
            }
            else if (challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                var token = await FetchBearerTokenAsync(ParseChallenge(challenge.Parameter ?? ""), scope, what, ct).ConfigureAwait(false);
                _tokens[scope ?? ""] = new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                throw new RegistryAuthenticationException($"registry {Registry} asks for unsupported auth scheme '{challenge.Scheme}' on {what}", 401, $"use a registry with basic or bearer auth");
            }
        }
        finally
        {
            _authGate.Release();
        }

        response = await SendWithAuthAsync(create, scope, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw Unauthorized(what, 401);
        }
        return response;
    }

    async Task<HttpResponseMessage> SendWithAuthAsync(Func<HttpRequestMessage> create, string? scope, CancellationToken ct)
    {
        using var request = create();
        if (_tokens.TryGetValue(scope ?? "", out var bearer))
            request.Headers.Authorization = bearer;
        else if (_useBasic && _credentials is { } c)
            request.Headers.Authorization = Basic(c);
        // Answers are read in full here (manifests and configs are small), so the answer bound covers the body too.
        return await _http.SendAsync(request, ct).ConfigureAwait(false);
    }

    async Task<string> FetchBearerTokenAsync(Dictionary<string, string> challenge, string? scope, string what, CancellationToken ct)
    {
        if (!challenge.TryGetValue("realm", out var realm))
            throw new RegistryAuthenticationException($"registry {Registry} sent a bearer challenge without a realm on {what}", 401, $"check the registry's token auth setup");
        var query = new List<string>();
        if (challenge.TryGetValue("service", out var service))
            query.Add("service=" + Uri.EscapeDataString(service));
        var wanted = scope ?? (challenge.TryGetValue("scope", out var s) ? s : null);
        if (wanted is not null)
            query.Add("scope=" + Uri.EscapeDataString(wanted));
        var url = realm + (query.Count == 0 ? "" : (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_credentials is { } c)
            request.Headers.Authorization = Basic(c);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw Unauthorized(what, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
            throw new RegistryException($"registry {Registry} token service {realm} answered {(int)response.StatusCode} for {what}", (int)response.StatusCode, $"check the registry");
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        string? token;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            token = root.TryGetProperty("token", out var t) ? t.GetString() : root.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        }
        catch (Exception e) when (IsMisshapen(e))
        {
            throw new RegistryAuthenticationException($"registry {Registry} token service {realm} answered {what} with a token answer that is not the JSON a token service sends", 401,
                $"check the registry's token auth setup");
        }
        return token ?? throw new RegistryAuthenticationException($"registry {Registry} token service {realm} returned no token for {what}", 401, $"check the registry's token auth setup");
    }

    RegistryAuthenticationException Unauthorized(string what, int status) => _credentials is null
        ? new($"registry {Registry} requires credentials for {what} ({status})", status, $"give a {ContainerInputs.RegistryUsername} and {ContainerInputs.RegistryPassword}")
        : new($"registry {Registry} refused the credentials of user '{_credentials.Username}' for {what} ({status})", status,
            $"check the {ContainerInputs.RegistryUsername} and {ContainerInputs.RegistryPassword}");

    async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Forbidden)
            throw Unauthorized(what, status);
        var body = response.RequestMessage?.Method == HttpMethod.Head ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var detail = ReadErrorMessage(body);
        throw new RegistryException($"registry {Registry} answered {status} to {what}{(detail is null ? "" : $" ({detail})")}", status, $"");
    }

    static string? ReadErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var first = doc.RootElement.GetProperty("errors").EnumerateArray().First();
            return $"{first.GetProperty("code").GetString()}: {first.GetProperty("message").GetString()}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body.Length == 0 ? null : body.Split('\n')[0][..Math.Min(body.Split('\n')[0].Length, 200)];
        }
    }

    string ReadMediaType(byte[] bytes, string what)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.TryGetProperty("mediaType", out var m) ? m.GetString() ?? "" : "application/vnd.oci.image.manifest.v1+json";
        }
        catch (Exception e) when (IsMisshapen(e))
        {
            throw Misshapen(what, "a manifest");
        }
    }

    /// <summary>What reading a peer's JSON throws when it is not JSON, or not of the shape asked for (a number where a string belongs).</summary>
    static bool IsMisshapen(Exception e) => e is JsonException or InvalidOperationException or KeyNotFoundException;

    RegistryException Misshapen(string what, string kind) =>
        new($"registry {Registry} answered {what} with {kind} that is not the JSON a registry sends", 0, $"check that {Registry} is the registry meant");

    static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(parameter, "(\\w+)=\"([^\"]*)\""))
            result[m.Groups[1].Value] = m.Groups[2].Value;
        return result;
    }

    static AuthenticationHeaderValue Basic(RegistryCredentials c) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.Username}:{c.Password}")));

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _authGate.Dispose();
    }
}
