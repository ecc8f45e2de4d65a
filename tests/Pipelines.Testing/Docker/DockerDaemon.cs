using System.Diagnostics;
using System.Net.Sockets;

namespace Pipelines.Testing.Docker;

/// <summary>
/// A private dockerd in a temporary directory, on its own unix socket, with a bridge of its own and no iptables rules (so it cannot
/// disturb another daemon's network: with <c>--bridge=none</c> dockerd deletes docker0 on start), and the vfs storage driver (no mounts
/// to clean up). Its containers can publish ports on 127.0.0.1 (<c>docker run -p 127.0.0.1::8080</c>, served by docker-proxy).
/// Stopped with SIGTERM so containerd goes too; the bridge is deleted after it.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    readonly Process _process;
    readonly PrivateBridge _bridge;

    DockerDaemon(Process process, string root, PrivateBridge bridge)
    {
        _process = process;
        RootDirectory = root;
        _bridge = bridge;
    }

    /// <summary>The daemon's temporary directory.</summary>
    public string RootDirectory { get; }

    /// <summary>The value for <c>DOCKER_HOST</c>.</summary>
    public string Host => $"unix://{SocketPath}";

    /// <summary>The bridge the daemon's default network uses.</summary>
    public string BridgeName => _bridge.Name;

    /// <summary>The daemon's socket.</summary>
    public string SocketPath => Path.Combine(RootDirectory, "docker.sock");

    /// <summary>The docker CLI to drive it with: the 20.10 CLI that uses the engine's embedded BuildKit.</summary>
    public static string Cli => File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : RequiredTool.Find("docker", "docker.io");

    /// <summary>Environment for tools that talk to this daemon.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_HOST"] = Host };

    /// <summary>Starts a daemon and waits until its socket accepts connections.</summary>
    public static async Task<DockerDaemon> StartAsync(CancellationToken ct = default)
    {
        var dockerd = RequiredTool.Find("dockerd", "docker.io");
        // Short root: unix socket paths are limited to about 100 bytes.
        var root = Path.Combine(Path.GetTempPath(), "pd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var bridge = await PrivateBridge.CreateAsync(ct).ConfigureAwait(false);
        var start = new ProcessStartInfo(dockerd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"), "-H", $"unix://{Path.Combine(root, "docker.sock")}",
            "--pidfile", Path.Combine(root, "docker.pid"), $"--bridge={bridge.Name}", "--iptables=false", "--ip-masq=false", "--storage-driver=vfs",
        })
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new DockerDaemon(process, root, bridge);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"dockerd exited with {process.ExitCode}: {log}");
            }
            if (File.Exists(daemon.SocketPath) && await PingAsync(daemon.SocketPath, ct).ConfigureAwait(false))
                return daemon;
            if (DateTime.UtcNow > deadline)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"dockerd did not become ready in 30 s: {log}");
            }
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    static async Task<bool> PingAsync(string socket, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token).ConfigureAwait(false);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler);
        try
        {
            using var response = await http.GetAsync("http://docker/_ping", ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Stops the daemon (and its containerd), deletes its bridge and its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await RequiredTool.StopAsync(_process, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        _process.Dispose();
        await _bridge.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
