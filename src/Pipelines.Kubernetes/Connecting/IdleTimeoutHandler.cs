namespace Pipelines.Kubernetes;

/// <summary>
/// The bounds on every API request, so a server that accepts and never answers cannot hold a wait: the connection (TCP and TLS)
/// within the connect timeout, the answer's headers within the request timeout after it, and no silence longer than the request
/// timeout inside an answer. A plain answer is read whole here (as HttpClient does by default) up to <see cref="MaxAnswer"/>; a
/// watch is asked to end itself after the watch window (client-go's reflector does the same), and may be silent for that long.
/// </summary>
internal sealed class IdleTimeoutHandler(TimeSpan connectTimeout, TimeSpan requestTimeout, TimeSpan watchWindow) : DelegatingHandler
{
    /// <summary>The largest plain answer read: far above any list a wait makes, far below what would exhaust memory.</summary>
    public const long MaxAnswer = 256L * 1024 * 1024;

    /// <summary>The largest watch event read: an object is at most 1.5 MiB in etcd by default, so one event of this size is no
    /// object's, and the client library holds each event whole in memory.</summary>
    public const long MaxWatchEvent = 16L * 1024 * 1024;

    /// <summary>Set on a request whose answer the caller reads itself, with a bound of its own (an app's answer through the service
    /// proxy): the body is handed on as a stream bounded by silence, instead of read whole here.</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamAnswer = new("pipelines.stream-answer");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var watch = IsWatch(request.RequestUri);
        if (watch) AskServerToEndWatch(request);
        HttpResponseMessage response;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(connectTimeout + requestTimeout);
            try
            {
                response = await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Ours when the deadline passed; otherwise the socket handler's ConnectTimeout.
                // The deadline covers connecting too (a pooled connection is not told apart from a new one), so the message gives it whole.
                throw deadline.IsCancellationRequested ? ApiBoundException.NoAnswer(request, connectTimeout + requestTimeout) : ApiBoundException.NoConnection(request, connectTimeout);
            }
            catch (HttpRequestException e) when (e.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                throw ApiBoundException.NoConnection(request, connectTimeout);
            }
        }
        try
        {
            response.Content = watch
                ? new IdleBoundContent(response.Content, watchWindow + requestTimeout, () => ApiBoundException.Silent(request, watchWindow + requestTimeout),
                    () => ApiBoundException.EventTooLarge(request, MaxWatchEvent))
                : request.Options.TryGetValue(StreamAnswer, out var streamed) && streamed
                    ? new IdleBoundContent(response.Content, requestTimeout, () => ApiBoundException.Silent(request, requestTimeout))
                    : await ReadWholeAsync(request, response.Content, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsWatch(Uri? uri) =>
        uri?.Query.TrimStart('?').Split('&').Any(p => p is "watch=true" or "watch=1") == true;

    private void AskServerToEndWatch(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        if (uri.Query.Contains("timeoutSeconds=", StringComparison.Ordinal)) return;
        var seconds = Math.Max(1, (int)watchWindow.TotalSeconds);
        request.RequestUri = new UriBuilder(uri) { Query = uri.Query.TrimStart('?') + $"&timeoutSeconds={seconds}" }.Uri;
    }

    private async Task<HttpContent> ReadWholeAsync(HttpRequestMessage request, HttpContent content, CancellationToken ct)
    {
        var whole = new MemoryStream();
        await using (var stream = new IdleBoundStream(await content.ReadAsStreamAsync(ct).ConfigureAwait(false), requestTimeout, () => ApiBoundException.Silent(request, requestTimeout)))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                if (whole.Length + read > MaxAnswer) throw ApiBoundException.TooLarge(request, MaxAnswer);
                whole.Write(buffer, 0, read);
            }
        }
        var answer = new ByteArrayContent(whole.GetBuffer(), 0, (int)whole.Length);
        foreach (var (name, values) in content.Headers)
            answer.Headers.TryAddWithoutValidation(name, values);
        content.Dispose();
        return answer;
    }

    /// <summary>A watch's body (or a streamed answer's), its stream bounded by silence and, for a watch, by the size of one event.</summary>
    private sealed class IdleBoundContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly TimeSpan _silence;
        private readonly Func<Exception> _onSilence;
        private readonly Func<Exception>? _onLongEvent;

        public IdleBoundContent(HttpContent inner, TimeSpan silence, Func<Exception> onSilence, Func<Exception>? onLongEvent = null)
        {
            (_inner, _silence, _onSilence, _onLongEvent) = (inner, silence, onSilence, onLongEvent);
            foreach (var (name, values) in inner.Headers)
                Headers.TryAddWithoutValidation(name, values);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            Bounded(await _inner.ReadAsStreamAsync().ConfigureAwait(false));

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            Bounded(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

        private Stream Bounded(Stream stream)
        {
            var idle = new IdleBoundStream(stream, _silence, _onSilence);
            return _onLongEvent is null ? idle : new LineBoundStream(idle, MaxWatchEvent, _onLongEvent);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
