using System.Text;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>
/// Plain <c>GET</c> requests to a published container port. The engine's proxy accepts every connection on the host port,
/// so "not listening" shows as a connection closed or reset before any answer, and "listening but silent" as a request that
/// outlives its bound.
/// </summary>
internal sealed class HttpProbe : IDisposable
{
    readonly HttpClient _http;
    readonly SecretMasker _masker;

    public HttpProbe(Uri address, SecretMasker masker)
    {
        _masker = masker;
        // No proxy: the address is this host's loopback, and the process's proxy variables are not the build's to apply.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
        };
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Requests <paramref name="path"/> and reads up to <paramref name="bodyLimit"/> bytes of the body.</summary>
    public async Task<ProbeAttempt> GetAsync(string path, TimeSpan bound, int bodyLimit, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(bound);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadStartAsync(response, bodyLimit, timeout.Token, ct).ConfigureAwait(false);
            return new ProbeAttempt(ProbeOutcome.Answered, (int)response.StatusCode, response.ReasonPhrase, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeAttempt(ProbeOutcome.Silent, 0, null, "");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new ProbeAttempt(ProbeOutcome.NotListening, 0, null, "");
        }
    }

    async Task<string> ReadStartAsync(HttpResponseMessage response, int limit, CancellationToken ct, CancellationToken outer)
    {
        var buffer = new byte[limit];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            while (read < limit && await stream.ReadAsync(buffer.AsMemory(read, limit - read), ct).ConfigureAwait(false) is var n and > 0)
                read += n;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !outer.IsCancellationRequested))
        {
            // An answer whose body breaks off is still an answer; its start is what a message shows.
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read).Replace("\uFFFD", "", StringComparison.Ordinal);
        return ControlCharacters.Escape(_masker.Redact(string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
    }

    public void Dispose() => _http.Dispose();
}
