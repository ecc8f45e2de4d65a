using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipelines.Testing.Faults;

/// <summary>One request as a <see cref="ScriptedHttpPeer"/> read it: its method and target, and the peer's own address (for
/// answers that point back at it, as a discovery document does).</summary>
public sealed record ScriptedRequest(string Method, string Target, Uri Peer);

/// <summary>
/// What a <see cref="ScriptedHttpPeer"/> answers: a status, headers and a body, or a body far larger than any client should read
/// (<see cref="BodyBytes"/> of filler sent without a length, the connection closed at its end).
/// </summary>
public sealed record ScriptedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Sent after <see cref="Body"/> when set: this many filler bytes, with no Content-Length.</summary>
    public long BodyBytes { get; init; }

    /// <summary>Announce a body longer than <see cref="Body"/>, send <see cref="Body"/>, then send nothing more and keep the
    /// connection open: the headers come, the body never ends.</summary>
    public bool Stall { get; init; }

    /// <summary>An answer with <paramref name="body"/> as UTF-8 text.</summary>
    public static ScriptedAnswer Text(int status, string contentType, string body, params (string Name, string Value)[] headers) =>
        new(status, headers.Append((Name: "Content-Type", Value: contentType)).ToDictionary(h => h.Name, h => h.Value), Encoding.UTF8.GetBytes(body));

    /// <summary>A 200 whose body is <paramref name="bytes"/> of filler after <paramref name="prefix"/>, sent without a length.</summary>
    public static ScriptedAnswer Huge(string contentType, string prefix, long bytes, params (string Name, string Value)[] headers) =>
        Text(200, contentType, prefix, headers) with { BodyBytes = bytes };
}

/// <summary>
/// An HTTP/1.1 peer on 127.0.0.1 that answers each request as its script says: the stand-in for a registry, a token service or an
/// API endpoint that sends what a real one never would (bodies that are not JSON, JSON of the wrong shape, bytes without end).
/// One request per connection; the connection is closed after each answer.
/// </summary>
public sealed class ScriptedHttpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedRequest, ScriptedAnswer> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly Task _serving;
    private long _sent;

    private ScriptedHttpPeer(Func<ScriptedRequest, ScriptedAnswer> script)
    {
        _script = script;
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Starts a peer that answers every request with what <paramref name="script"/> returns for it.</summary>
    public static ScriptedHttpPeer Start(Func<ScriptedRequest, ScriptedAnswer> script) => new(script);

    /// <summary>host:port.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>http://host:port.</summary>
    public Uri Url => new($"http://{Address}");

    /// <summary>The requests read so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    /// <summary>Body bytes written so far, over every answer: how far a client read before it stopped.</summary>
    public long BodyBytesSent => Interlocked.Read(ref _sent);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream).ConfigureAwait(false);
            if (request is null)
                return;
            lock (_requests) _requests.Add(request);
            var answer = _script(request);
            var head = new StringBuilder($"HTTP/1.1 {answer.Status} Scripted\r\nConnection: close\r\n");
            foreach (var (name, value) in answer.Headers)
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            if (answer.BodyBytes == 0)
                head.Append("Content-Length: ").Append(answer.Body.Length + (answer.Stall ? 1_000_000 : 0)).Append("\r\n");
            head.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token).ConfigureAwait(false);
            await stream.WriteAsync(answer.Body, _stop.Token).ConfigureAwait(false);
            Interlocked.Add(ref _sent, answer.Body.Length);
            if (answer.Stall)
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
            var filler = new byte[64 * 1024];
            filler.AsSpan().Fill((byte)'a');
            for (var left = answer.BodyBytes; left > 0; left -= filler.Length)
            {
                var chunk = (int)Math.Min(left, filler.Length);
                await stream.WriteAsync(filler.AsMemory(0, chunk), _stop.Token).ConfigureAwait(false);
                Interlocked.Add(ref _sent, chunk);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client stopped reading (as it should for an answer too large), or the peer is being disposed.
        }
    }

    /// <summary>Reads the request head, and its body when it has a Content-Length; null when the client closed first.</summary>
    private async Task<ScriptedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
                return null;
            var read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token).ConfigureAwait(false);
            if (read == 0)
                return null;
            length += read;
        }
        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var contentLength = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        for (var left = contentLength - (length - end - 4); left > 0;)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
            if (read == 0)
                return null;
            left -= read;
        }
        var parts = lines[0].Split(' ');
        return new ScriptedRequest(parts[0], parts.Length > 1 ? parts[1] : "", Url);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
