using System.Net;
using System.Net.Sockets;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>
/// A TCP peer on 127.0.0.1 that never answers: by default it accepts every connection and holds it (a git daemon, an HTTP
/// server or an ssh server that hangs); with <see cref="StartUnaccepting"/> it never accepts, and its backlog is filled first,
/// so a new connect never completes (a peer behind a firewall that drops packets).
/// </summary>
public sealed class SilentPeer : IDisposable
{
    readonly Socket _listener;
    readonly List<Socket> _held = [];

    SilentPeer(Socket listener) => _listener = listener;

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>host:port.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>How many connections it accepted and holds.</summary>
    public int Connections { get { lock (_held) return _held.Count; } }

    public static SilentPeer StartAccepting()
    {
        var peer = new SilentPeer(Listen(backlog: 64));
        _ = peer.AcceptAsync();
        return peer;
    }

    public static SilentPeer StartUnaccepting()
    {
        var peer = new SilentPeer(Listen(backlog: 0));
        // Connections that fill the accept queue; later SYNs are dropped, so a client's connect waits for its own bound.
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try { filler.Connect(IPAddress.Loopback, peer.Port); }
            catch (SocketException) { }
            lock (peer._held) peer._held.Add(filler);
        }
        return peer;
    }

    static Socket Listen(int backlog)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        return listener;
    }

    async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                var socket = await _listener.AcceptAsync();
                lock (_held) _held.Add(socket);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_held)
            foreach (var socket in _held)
                socket.Dispose();
    }
}
