using System.Net.Sockets;

namespace Pipelines.Containers.Building;

/// <summary>
/// Whether a registry answers at all, within a bound: <c>GET /v2/</c> over HTTPS (HTTP on loopback), where any HTTP answer —
/// 200, or 401 asking for a login — counts. A registry that cannot be resolved, refuses, or accepts and says nothing does not.
/// </summary>
public static class RegistryProbe
{
    /// <summary>Null when <paramref name="registry"/> answered within <paramref name="timeout"/>, else why not, in a few words.</summary>
    /// <param name="registry">Host and optional port, e.g. <c>mcr.microsoft.com</c> or <c>127.0.0.1:5000</c>.</param>
    /// <param name="timeout">The bound for connecting and for the answer's headers together.</param>
    /// <param name="handler">The handler to send through (tests); a new one when null.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<string?> WhyUnreachableAsync(string registry, TimeSpan timeout, HttpMessageHandler? handler = null, CancellationToken ct = default)
    {
        var host = registry.Split(':')[0];
        var scheme = host is "127.0.0.1" or "localhost" or "[::1]" ? "http" : "https";
        using var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(new Uri($"{scheme}://{registry}/v2/"), HttpCompletionOption.ResponseHeadersRead, bound.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{registry} did not answer within {timeout.TotalSeconds:0.#}s";
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "could not be resolved",
                SocketError.ConnectionRefused => "refused the connection",
                SocketError.TimedOut => $"did not accept a connection within {timeout.TotalSeconds:0.#}s",
                _ => $"could not be reached ({socket.SocketErrorCode})",
            } : $"could not be reached ({e.Message})";
            return $"{registry} {reason}";
        }
    }
}
