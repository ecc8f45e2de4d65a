using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Prometheus;

/// <summary>
/// The real Prometheus server (Debian's <c>prometheus</c> package) on a free 127.0.0.1 port, scraping the given targets every
/// second into a temporary TSDB: what a verification's query is checked against.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private PrometheusServer(Process process, string root, int port) => (_process, _root, Port) = (process, root, port);

    /// <summary>The port of its HTTP API.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (<c>host:port</c>, path <c>/metrics</c>) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(params string[] targets)
    {
        var binary = Docker.RequiredTool.Find("prometheus", "prometheus");
        var root = Path.Combine(Path.GetTempPath(), "pprom-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = Docker.RequiredTool.FreePort();
        var config = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: app
                static_configs:
                  - targets: [{{string.Join(", ", targets.Select(t => $"'{t}'"))}}]
            """);
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(root, "data"), $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" },
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, root, port);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(server.BaseAddress, "/-/ready"));
                if (response.IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus did not start on port {port}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="query"/> returns a sample: the scrape that a test's check depends on has happened.</summary>
    public async Task WaitForSampleAsync(string query, TimeSpan? within = null)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var answer = JsonNode.Parse(await http.GetStringAsync(new Uri(BaseAddress, "/api/v1/query?query=" + Uri.EscapeDataString(query))));
            if (answer?["data"]?["result"] is JsonArray { Count: > 0 })
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"prometheus has no sample for {query}");
    }

    /// <summary>Stops Prometheus and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Docker.RequiredTool.StopAsync(_process, TimeSpan.FromSeconds(5));
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
