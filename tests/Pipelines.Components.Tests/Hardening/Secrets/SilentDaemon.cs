using System.Net.Sockets;

namespace Pipelines.Components.Tests.Hardening.Secrets;

/// <summary>A unix socket that accepts connections and never answers: a docker daemon that hangs, to hold a push in place.</summary>
public sealed class SilentDaemon : IDisposable
{
    readonly Socket _listener;
    readonly List<Socket> _held = [];

    SilentDaemon(Socket listener, string path) => (_listener, SocketPath) = (listener, path);

    public string SocketPath { get; }

    public static SilentDaemon Start(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var daemon = new SilentDaemon(listener, path);
        _ = daemon.AcceptAsync();
        return daemon;
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
        File.Delete(SocketPath);
    }
}
