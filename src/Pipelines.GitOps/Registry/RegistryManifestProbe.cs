using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pipelines.GitOps;

/// <summary>
/// A HEAD on <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> (OCI distribution API) with optional basic credentials and
/// the registry's bearer-token challenge. Hosts on loopback are reached over plain HTTP.
/// </summary>
/// <param name="http">The client to send requests with.</param>
/// <param name="username">Registry user, or null for anonymous.</param>
/// <param name="password">Registry password or token.</param>
public sealed class RegistryManifestProbe(HttpClient http, string? username = null, string? password = null) : IImageExistence
{
    const string Accept = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, " +
                          "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(ImageReference image, CancellationToken ct)
    {
        var slash = image.Repository.IndexOf('/');
        if (slash < 0)
            throw new InvalidImageException("--image-repository", $"'{image.Repository}' names no registry host", "pass host/path or --verify-image false");
        var host = image.Repository[..slash];
        var scheme = host.StartsWith("127.0.0.1", StringComparison.Ordinal) || host.StartsWith("localhost", StringComparison.Ordinal) ? "http" : "https";
        var uri = new Uri($"{scheme}://{host}/v2/{image.Repository[(slash + 1)..]}/manifests/{image.Digest ?? image.Tag}");
        using var first = await SendAsync(uri, null, ct).ConfigureAwait(false);
        if (first.StatusCode != HttpStatusCode.Unauthorized)
            return Interpret(first, image);
        var challenge = first.Headers.WwwAuthenticate.FirstOrDefault();
        AuthenticationHeaderValue? auth = challenge?.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) == true
            ? new AuthenticationHeaderValue("Bearer", await TokenAsync(challenge.Parameter ?? "", ct).ConfigureAwait(false))
            : Basic();
        using var second = await SendAsync(uri, auth, ct).ConfigureAwait(false);
        return Interpret(second, image);
    }

    async Task<HttpResponseMessage> SendAsync(Uri uri, AuthenticationHeaderValue? auth, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        request.Headers.Authorization = auth;
        return await http.SendAsync(request, ct).ConfigureAwait(false);
    }

    async Task<string> TokenAsync(string challenge, CancellationToken ct)
    {
        var parts = challenge.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));
        var query = string.Join('&', parts.Where(p => p.Key != "realm").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, parts.GetValueOrDefault("realm") + "?" + query);
        request.Headers.Authorization = Basic();
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        return json.RootElement.TryGetProperty("token", out var token) ? token.GetString() ?? "" : json.RootElement.GetProperty("access_token").GetString() ?? "";
    }

    AuthenticationHeaderValue? Basic() => username is null ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    static bool Interpret(HttpResponseMessage response, ImageReference image) => response.StatusCode switch
    {
        HttpStatusCode.OK => true,
        HttpStatusCode.NotFound => false,
        var status => throw new ImageVerificationException(image.ToString(), $"{(int)status} {status}"),
    };
}
