using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// Sends a check's GET: to a Service through the API server's service proxy on the cluster connection (its credentials, its
/// connect bound, and its retries of throttling and outages), or straight to a URL without credentials. Every request is
/// bounded as a whole by the check timeout (connect, headers and body), and at most the body bound is read of any answer.
/// </summary>
internal sealed class AppRequester(ClusterConnection? cluster, TimeSpan connectTimeout) : IDisposable
{
    private readonly HttpClient _direct = new(new SocketsHttpHandler
    {
        ConnectTimeout = connectTimeout,
        // A redirect is an answer to judge, not to follow to another host.
        AllowAutoRedirect = false,
        // The run's environment decides everything else; a proxy from the process's variables would not be the run's.
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>GETs <paramref name="relative"/> (path and query; null for a URL as given) from <paramref name="endpoint"/>.
    /// Through the service proxy, what fails on the API server's side (it could not be reached, or it throttled with 429) is
    /// tried again within the bound; the app's own answers, 5xx included, count as they come.</summary>
    public async Task<AppAnswer> GetAsync(VerificationEndpoint endpoint, string? relative, TimeSpan timeout, int maxBody, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(timeout);
        for (var attempt = 1; ; attempt++)
        {
            var (answer, apiSide) = await SendAsync(endpoint, relative, timeout, maxBody, started, bound.Token, ct).ConfigureAwait(false);
            if (!apiSide || attempt >= 3)
                return answer;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return answer;
            }
        }
    }

    private async Task<(AppAnswer Answer, bool ApiSide)> SendAsync(VerificationEndpoint endpoint, string? relative, TimeSpan timeout, int maxBody, long started,
        CancellationToken bounded, CancellationToken ct)
    {
        var (client, uri) = Address(endpoint, relative);
        var proxied = endpoint is ServiceProxyEndpoint;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("*/*");
        if (proxied)
        {
            request.Options.Set(IdleTimeoutHandler.StreamAnswer, true);
            request.Options.Set(TransientFailureRetryHandler.SendOnce, true);
        }
        HttpResponseMessage? response = null;
        var body = new MemoryStream();
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded).ConfigureAwait(false);
            var truncated = await ReadAsync(response.Content, body, maxBody, bounded).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
            var api = proxied ? ApiServerStatus(response, text) : null;
            return (new AppAnswer((int)response.StatusCode, text, truncated, null, Stopwatch.GetElapsedTime(started), api),
                api is not null && response.StatusCode == HttpStatusCode.TooManyRequests);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var problem = response is null
                ? $"did not answer within {timeout}"
                : $"answered {(int)response.StatusCode} but had sent only {body.Length} bytes of its body when the {timeout} bound passed";
            return (new AppAnswer(response is null ? 0 : (int)response.StatusCode, "", false, problem, Stopwatch.GetElapsedTime(started)), false);
        }
        catch (Exception e) when (ApiBoundException.In(e) is { } silence)
        {
            return (new AppAnswer(0, "", false, $"(the Kubernetes API at {cluster?.Host}) {silence.Problem}", Stopwatch.GetElapsedTime(started)), false);
        }
        catch (HttpRequestException e)
        {
            var where = proxied ? $" (the Kubernetes API at {cluster?.Host})" : "";
            return (new AppAnswer(0, "", false, $"could not be reached{where}: {e.Message.ReplaceLineEndings(" ")}", Stopwatch.GetElapsedTime(started)), proxied);
        }
        catch (IOException e)
        {
            return (new AppAnswer(response is null ? 0 : (int)response.StatusCode, "", false, $"broke off its answer: {e.Message.ReplaceLineEndings(" ")}",
                Stopwatch.GetElapsedTime(started)), false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Copies at most <paramref name="maxBody"/> bytes; true when there was more (which is left unread).</summary>
    private static async Task<bool> ReadAsync(HttpContent content, MemoryStream into, int maxBody, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0) return false;
            var room = maxBody - (int)into.Length;
            if (read > room)
            {
                into.Write(buffer, 0, room);
                return true;
            }
            into.Write(buffer, 0, read);
        }
    }

    private (HttpClient Client, Uri Uri) Address(VerificationEndpoint endpoint, string? relative)
    {
        switch (endpoint)
        {
            case ServiceProxyEndpoint service:
                var http = (cluster?.Client as k8s.Kubernetes)?.HttpClient
                    ?? throw new InvalidOperationException("A Service is checked through a cluster connection opened by ClusterConnection.Open.");
                var root = cluster!.Client.BaseUri.ToString().TrimEnd('/');
                return (http, new Uri(root + service.Address.ProxyPath + (relative ?? "/"), UriKind.Absolute));
            case UrlEndpoint url when relative is null:
                return (_direct, url.Address);
            case UrlEndpoint url:
                // Relative to the base's path, so a Prometheus behind a path prefix (https://host/prometheus) is reached there.
                var builder = new UriBuilder(url.Address) { Query = "" };
                var split = relative.Split('?', 2);
                builder.Path = builder.Path.TrimEnd('/') + split[0];
                builder.Query = split.Length > 1 ? split[1] : "";
                return (_direct, builder.Uri);
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "unknown endpoint");
        }
    }

    // The API server's own answers are v1 Status objects; the proxied app's are whatever it serves.
    private static string? ApiServerStatus(HttpResponseMessage response, string body)
    {
        if (response.StatusCode is HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json" || !body.StartsWith('{'))
            return null;
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status"
                && root.TryGetProperty("apiVersion", out var version) && version.ValueKind == JsonValueKind.String && version.GetString() == "v1"
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _direct.Dispose();
}
