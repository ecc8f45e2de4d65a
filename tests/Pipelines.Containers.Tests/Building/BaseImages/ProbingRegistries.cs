using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pipelines.Containers.Building;
using Pipelines.Testing.Registry;

namespace Pipelines.Containers.Tests.Building.BaseImages;

/// <summary>Whether a registry answers is known within the bound, against real peers: one that answers, one that refuses, and
/// one that accepts the connection and never says anything.</summary>
public sealed class ProbingRegistries
{
    static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task A_registry_that_answers_even_401_counts_as_answering()
    {
        await using var registry = await RegistryServer.StartAsync();

        // What counts is the answer, not its speed: a registry just started on a loaded machine took more than 0.7 s once.
        Assert.Null(await RegistryProbe.WhyUnreachableAsync(registry.Host, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_peer_that_accepts_and_never_answers_is_given_up_on_at_the_bound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var why = await RegistryProbe.WhyUnreachableAsync($"127.0.0.1:{port}", Bound);

        Assert.Equal($"127.0.0.1:{port} did not answer within 0.7s", why);
        // The runtime's timers may fire a millisecond before this stopwatch says the bound is reached (0.699 s was seen).
        Assert.InRange(clock.Elapsed, Bound - TimeSpan.FromMilliseconds(50), Bound * 5);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task A_closed_port_refuses()
    {
        // Bound but not listening: the port stays ours (no other process can take it meanwhile) and every connect is refused.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        Assert.Equal($"127.0.0.1:{port} refused the connection", await RegistryProbe.WhyUnreachableAsync($"127.0.0.1:{port}", Bound));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_says_so()
    {
        var why = await RegistryProbe.WhyUnreachableAsync("registry.invalid", Bound);

        Assert.True(why is "registry.invalid could not be resolved" or "registry.invalid did not answer within 0.7s", why);
    }
}
