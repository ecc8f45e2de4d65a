using System.Net;
using System.Net.Sockets;

namespace Pipelines.Testing.Faults;

/// <summary>
/// A TCP peer on 127.0.0.1 that hangs a client in one of two places: <see cref="Accepting"/> takes every connection and never
/// sends a byte (an HTTP server that never answers, a TLS handshake that never completes); <see cref="NotAccepting"/> never
/// takes a connection and keeps its accept queue full, so the kernel drops new SYNs and a client's connect itself hangs.
/// </summary>
public sealed class SilentPeer : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    private SilentPeer(Socket listener) => _listener = listener;

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>host:port, for a URL or an image reference.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Connections taken so far (the proof a client got that far).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Takes connections and never answers.</summary>
    public static SilentPeer Accepting()
    {
        var peer = new SilentPeer(Listen(backlog: 64));
        _ = peer.AcceptAsync();
        return peer;
    }

    /// <summary>Never takes a connection: its one-place accept queue is filled by connections of its own.</summary>
    public static SilentPeer NotAccepting()
    {
        var peer = new SilentPeer(Listen(backlog: 0));
        // Linux holds backlog + 1 completed connections; a few more make sure the queue is full.
        for (var i = 0; i < 3; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                filler.ConnectAsync(IPAddress.Loopback, peer.Port).Wait(TimeSpan.FromMilliseconds(300));
            }
            catch (AggregateException) { }
            peer._held.Add(filler);
        }
        return peer;
    }

    private static Socket Listen(int backlog)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        return listener;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_held) _held.Add(socket);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Closes the listener and every connection.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_held)
            foreach (var socket in _held)
                socket.Dispose();
        _stop.Dispose();
    }
}
