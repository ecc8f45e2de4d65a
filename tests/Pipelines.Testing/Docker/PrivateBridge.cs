using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Pipelines.Testing.Docker;

/// <summary>
/// A Linux bridge of its own for one private dockerd, on a /24 of 10.213.0.0/16 that no route on this machine covers yet, so its
/// containers can publish ports (through docker-proxy on 127.0.0.1) without the daemon touching docker0 or another daemon's
/// network. Deleted on dispose. Needs root, as dockerd does.
/// </summary>
public sealed class PrivateBridge : IAsyncDisposable
{
    const string LockPath = "/tmp/pipelines-private-bridges.lock";
    static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    PrivateBridge(string name, string gateway)
    {
        Name = name;
        Gateway = gateway;
    }

    /// <summary>The interface name, for <c>dockerd --bridge</c>.</summary>
    public string Name { get; }

    /// <summary>The bridge's own address with its prefix, e.g. <c>10.213.7.1/24</c>.</summary>
    public string Gateway { get; }

    /// <summary>Creates the bridge on a free subnet and brings it up.</summary>
    public static async Task<PrivateBridge> CreateAsync(CancellationToken ct = default)
    {
        // Test runs in other processes choose at the same time: the lock makes "find a free subnet, take it" one step.
        await using var held = await LockAsync(ct).ConfigureAwait(false);
        var taken = await TakenPrefixesAsync(ct).ConfigureAwait(false);
        var free = Enumerable.Range(0, 256).Where(octet => !taken.Any(r => r.Overlaps(new Cidr(Address(octet, 0), 24)))).ToList();
        if (free.Count == 0)
            throw new InvalidOperationException("no free /24 is left in 10.213.0.0/16 for a private dockerd's bridge; delete leftover pdx* bridges with `ip link del`");
        var chosen = free[Random.Shared.Next(free.Count)];
        var name = "pdx" + Guid.NewGuid().ToString("N")[..8];
        var bridge = new PrivateBridge(name, $"{Address(chosen, 1)}/24");
        await IpAsync(ct, "link", "add", name, "type", "bridge").ConfigureAwait(false);
        try
        {
            await IpAsync(ct, "addr", "add", bridge.Gateway, "dev", name).ConfigureAwait(false);
            await IpAsync(ct, "link", "set", name, "up").ConfigureAwait(false);
        }
        catch
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return bridge;
    }

    /// <summary>Deletes the bridge (the daemon using it must be stopped first).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await IpAsync(CancellationToken.None, "link", "del", Name).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (!Directory.Exists($"/sys/class/net/{Name}"))
        {
            // Already gone.
        }
    }

    /// <summary>Every IPv4 prefix a route or an interface address on this machine covers (docker0's among them, even while it is down).</summary>
    static async Task<List<Cidr>> TakenPrefixesAsync(CancellationToken ct)
    {
        string[] routeTypes = ["unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat"];
        var routes = (await IpAsync(ct, "-4", "-o", "route", "show", "table", "all").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(words => routeTypes.Contains(words[0]) && words.Length > 1 ? words[1] : words[0]);
        var addresses = (await IpAsync(ct, "-4", "-o", "addr", "show").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(words => Array.IndexOf(words, "inet") is var i and >= 0 && i + 1 < words.Length ? words[i + 1] : "");
        return routes.Concat(addresses).Select(Cidr.TryParse).OfType<Cidr>().Where(c => c.PrefixLength > 0).ToList();
    }

    static IPAddress Address(int octet, int host) => new([10, 213, (byte)octet, (byte)host]);

    static async Task<FileStream> LockAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux, released by the OS if this process dies.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
    }

    static async Task<string> IpAsync(CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(RequiredTool.Find("ip", "iproute2")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed: {(await stderr.ConfigureAwait(false)).Trim()}");
        return await stdout.ConfigureAwait(false);
    }

    /// <summary>An IPv4 prefix, e.g. 10.213.7.0/24.</summary>
    sealed record Cidr(IPAddress Network, int PrefixLength)
    {
        public static Cidr? TryParse(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var address = slash < 0 ? text : text[..slash];
            var length = slash < 0 ? 32 : int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : -1;
            return IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && length is >= 0 and <= 32
                ? new Cidr(ip, length)
                : null;
        }

        public bool Overlaps(Cidr other)
        {
            var shortest = Math.Min(PrefixLength, other.PrefixLength);
            var mask = shortest == 0 ? 0u : uint.MaxValue << (32 - shortest);
            return (Value(Network) & mask) == (Value(other.Network) & mask);
        }

        static uint Value(IPAddress address) => BitConverter.ToUInt32(address.GetAddressBytes().Reverse().ToArray());
    }
}
