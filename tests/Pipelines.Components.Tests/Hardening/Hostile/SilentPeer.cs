using System.Net;
using System.Net.Sockets;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>A TCP peer that accepts every connection and never sends a byte (a hung registry, API or git server).</summary>
public sealed class SilentPeer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly List<TcpClient> _accepted = [];
    readonly CancellationTokenSource _stop = new();

    public SilentPeer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>host:port.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections it accepted.</summary>
    public int Connections { get { lock (_accepted) return _accepted.Count; } }

    async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                    _accepted.Add(client);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
            foreach (var client in _accepted)
                client.Dispose();
    }
}
