using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipelines.Testing.Faults;

/// <summary>
/// A TCP proxy on 127.0.0.1 that forwards to a target and, per <see cref="FaultPlan"/>, resets connections mid-transfer,
/// delays them, or (for HTTP) answers 500/503/429 itself. HTTP connections carry one request each (the proxy sets
/// <c>Connection: close</c>), so shares apply per request. Decisions come from one seeded sequence and are counted.
/// Dispose stops listening and drops every open connection.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    const int MaxHeaderBytes = 64 * 1024;
    readonly TcpListener listener;
    readonly string targetHost;
    readonly int targetPort;
    readonly Random random;
    readonly object gate = new();
    readonly List<FaultEvent> events = [];
    readonly ConcurrentDictionary<Socket, byte> open = new();
    readonly ConcurrentBag<Task> handlers = [];
    readonly CancellationTokenSource stop = new();
    readonly Task acceptLoop;
    FaultPlan plan;
    int faults;

    FaultProxy(string targetHost, int targetPort, FaultPlan plan)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.plan = plan;
        random = new Random(plan.Seed);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The plan in force; replace it to change behaviour mid-run (e.g. take the target "down").</summary>
    public FaultPlan Plan
    {
        get { lock (gate) return plan; }
        set { lock (gate) plan = value; }
    }

    /// <summary>Starts a proxy in front of <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public static FaultProxy Start(string targetHost, int targetPort, FaultPlan plan) => new(targetHost, targetPort, plan);

    /// <summary>Starts a proxy in front of <c>host:port</c>.</summary>
    public static FaultProxy Start(string hostAndPort, FaultPlan plan)
    {
        var colon = hostAndPort.LastIndexOf(':');
        return new FaultProxy(hostAndPort[..colon], int.Parse(hostAndPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), plan);
    }

    /// <summary>Every connection handled so far, in the order decided.</summary>
    public IReadOnlyList<FaultEvent> Events
    {
        get { lock (gate) return events.ToList(); }
    }

    /// <summary>Connections accepted (for HTTP: requests seen).</summary>
    public int Connections => Events.Count;

    /// <summary>Faults injected (resets, delays and HTTP errors).</summary>
    public int FaultsInjected => Events.Count(e => e.Kind != FaultKind.None);

    /// <summary>How many connections got <paramref name="kind"/>.</summary>
    public int Count(FaultKind kind) => Events.Count(e => e.Kind == kind);

    /// <summary>How many HTTP requests had a request line containing <paramref name="text"/>.</summary>
    public int Requests(string text) => Events.Count(e => e.RequestLine.Contains(text, StringComparison.Ordinal));

    /// <summary>One line: connections and faults by kind.</summary>
    public override string ToString() =>
        $"{Connections} connections, {FaultsInjected} faults ({Count(FaultKind.Reset)} resets, {Count(FaultKind.HttpError)} HTTP errors, {Count(FaultKind.Delay)} delays)";

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            handlers.Add(Task.Run(() => HandleAsync(client)));
        }
    }

    async Task HandleAsync(Socket client)
    {
        open.TryAdd(client, 0);
        Socket? server = null;
        var ct = stop.Token;
        try
        {
            var current = Plan;
            byte[] head = [];
            var requestLine = "";
            if (current.Http)
            {
                (head, requestLine) = await ReadHeadAsync(client, ct).ConfigureAwait(false);
                if (head.Length == 0)
                    return;
            }
            var (kind, resetAfter, status) = Decide(current, requestLine);
            if (kind == FaultKind.HttpError)
            {
                await AnswerAsync(client, status, requestLine.StartsWith("HEAD ", StringComparison.Ordinal), ct).ConfigureAwait(false);
                return;
            }
            if (kind == FaultKind.Reset && resetAfter == 0)
            {
                Abort(client);
                return;
            }
            if (kind == FaultKind.Delay)
                await Task.Delay(current.Delay, ct).ConfigureAwait(false);

            server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            open.TryAdd(server, 0);
            try
            {
                await server.ConnectAsync(targetHost, targetPort, ct).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                Abort(client);
                return;
            }
            var transfer = new Transfer(kind == FaultKind.Reset ? resetAfter : long.MaxValue, client, server);
            if (head.Length > 0 && !await transfer.ForwardAsync(server, head, head.Length, ct).ConfigureAwait(false))
                return;
            await Task.WhenAll(PumpAsync(client, server, transfer, ct), PumpAsync(server, client, transfer, ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            Close(client);
            if (server is not null)
                Close(server);
        }
    }

    (FaultKind Kind, long ResetAfter, int Status) Decide(FaultPlan current, string requestLine)
    {
        lock (gate)
        {
            var number = events.Count + 1;
            var eligible = current.OnlyRequestsContaining.Count == 0 || current.OnlyRequestsContaining.Any(s => requestLine.Contains(s, StringComparison.Ordinal));
            (FaultKind, long, int) choice = (FaultKind.None, 0, 0);
            if (current.Down)
                choice = current.Http ? (FaultKind.HttpError, 0, 503) : (FaultKind.Reset, 0, 0);
            else if (eligible && (current.MaxFaults is null || faults < current.MaxFaults))
            {
                var roll = random.NextDouble();
                var after = random.Next(1, Math.Max(2, current.ResetWithinBytes + 1));
                var status = current.HttpStatuses[random.Next(current.HttpStatuses.Count)];
                if (roll < current.ResetShare)
                    choice = (FaultKind.Reset, after, 0);
                else if (roll < current.ResetShare + (current.Http ? current.HttpErrorShare : 0))
                    choice = (FaultKind.HttpError, 0, status);
                else if (roll < current.ResetShare + (current.Http ? current.HttpErrorShare : 0) + current.DelayShare)
                    choice = (FaultKind.Delay, 0, 0);
            }
            if (choice.Item1 != FaultKind.None)
                faults++;
            var detail = choice.Item1 switch
            {
                FaultKind.Reset => $"after {choice.Item2} bytes",
                FaultKind.HttpError => choice.Item3.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FaultKind.Delay => $"{current.Delay.TotalMilliseconds} ms",
                _ => "",
            };
            events.Add(new FaultEvent(number, choice.Item1, requestLine, detail));
            return choice;
        }
    }

    /// <summary>Reads the request line and headers; returns them rewritten for one request per connection, plus any body bytes already read.</summary>
    static async Task<(byte[] Head, string RequestLine)> ReadHeadAsync(Socket client, CancellationToken ct)
    {
        var buffer = new byte[MaxHeaderBytes];
        var filled = 0;
        while (true)
        {
            var end = IndexOfHeaderEnd(buffer, filled);
            if (end >= 0)
            {
                var text = Encoding.Latin1.GetString(buffer, 0, end);
                var lines = text.Split("\r\n");
                var kept = lines.Where((l, i) => i == 0 || !(l.StartsWith("connection:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("keep-alive:", StringComparison.OrdinalIgnoreCase)));
                var rewritten = Encoding.Latin1.GetBytes(string.Join("\r\n", kept) + "\r\nConnection: close\r\n\r\n");
                var rest = buffer.AsSpan(end + 4, filled - end - 4).ToArray();
                return ([.. rewritten, .. rest], lines[0]);
            }
            if (filled == buffer.Length)
                return ([], "");
            var n = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
                return ([], "");
            filled += n;
        }
    }

    static int IndexOfHeaderEnd(byte[] buffer, int length) => buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);

    static async Task AnswerAsync(Socket client, int status, bool head, CancellationToken ct)
    {
        var reason = status switch { 429 => "Too Many Requests", 500 => "Internal Server Error", 502 => "Bad Gateway", 503 => "Service Unavailable", _ => "Error" };
        var body = Encoding.UTF8.GetBytes($"{{\"errors\":[{{\"code\":\"UNAVAILABLE\",\"message\":\"injected {status}\"}}],\"message\":\"injected {status}\"}}");
        var header = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n" +
                     (status == 429 ? "Retry-After: 0\r\n" : "") + "Connection: close\r\n\r\n";
        byte[] response = head ? Encoding.ASCII.GetBytes(header) : [.. Encoding.ASCII.GetBytes(header), .. body];
        await client.SendAsync(response, SocketFlags.None, ct).ConfigureAwait(false);
        client.Shutdown(SocketShutdown.Send);
        // Drain what the client still sends (a request body) so closing does not turn into a reset before it reads the answer.
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(ct);
        drain.CancelAfter(TimeSpan.FromSeconds(5));
        var sink = new byte[16384];
        long drained = 0;
        while (drained < 256L * 1024 * 1024 && await client.ReceiveAsync(sink, SocketFlags.None, drain.Token).ConfigureAwait(false) is var n and > 0)
            drained += n;
    }

    static async Task PumpAsync(Socket from, Socket to, Transfer transfer, CancellationToken ct)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                if (!await transfer.ForwardAsync(to, buffer, n, ct).ConfigureAwait(false))
                    return;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            transfer.Abort();
        }
    }

    static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    void Close(Socket socket)
    {
        open.TryRemove(socket, out _);
        socket.Dispose();
    }

    /// <summary>Stops accepting and drops every open connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        foreach (var socket in open.Keys)
            Abort(socket);
        await acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(handlers).ConfigureAwait(false);
        stop.Dispose();
    }

    /// <summary>Bytes passed in both directions of one connection, and the count after which it is reset.</summary>
    sealed class Transfer(long resetAfter, Socket client, Socket server)
    {
        long passed;

        /// <summary>Sends <paramref name="count"/> bytes unless the reset point is reached; false when the connection was reset.</summary>
        public async Task<bool> ForwardAsync(Socket to, byte[] buffer, int count, CancellationToken ct)
        {
            var before = Interlocked.Add(ref passed, count) - count;
            if (before + count < resetAfter)
            {
                await to.SendAsync(buffer.AsMemory(0, count), SocketFlags.None, ct).ConfigureAwait(false);
                return true;
            }
            var allowed = (int)Math.Max(0, resetAfter - before);
            if (allowed > 0)
                await to.SendAsync(buffer.AsMemory(0, allowed), SocketFlags.None, ct).ConfigureAwait(false);
            Abort();
            return false;
        }

        public void Abort()
        {
            FaultProxy.Abort(client);
            FaultProxy.Abort(server);
        }
    }
}
