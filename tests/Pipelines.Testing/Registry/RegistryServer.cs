using System.Diagnostics;

namespace Pipelines.Testing.Registry;

/// <summary>The CNCF distribution registry (<c>docker-registry serve</c>) on a free 127.0.0.1 port with htpasswd auth, in a temporary directory.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    readonly Process _process;

    RegistryServer(Process process, string root, int port, string username, string password)
    {
        _process = process;
        RootDirectory = root;
        Port = port;
        Username = username;
        Password = password;
    }

    /// <summary>The registry's temporary directory.</summary>
    public string RootDirectory { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The registry host, <c>127.0.0.1:port</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The registry URL.</summary>
    public Uri Url => new($"http://{Host}");

    /// <summary>The user that may push and pull.</summary>
    public string Username { get; }

    /// <summary>That user's password.</summary>
    public string Password { get; }

    /// <summary>Starts a registry and waits until <c>/v2/</c> answers (401 without credentials).</summary>
    public static async Task<RegistryServer> StartAsync(string username = "ci", string? password = null, CancellationToken ct = default)
    {
        var registry = RequiredToolPath("docker-registry", "docker-registry");
        var htpasswd = RequiredToolPath("htpasswd", "apache2-utils");
        password ??= "pw-" + Guid.NewGuid().ToString("N")[..16];
        var root = Path.Combine(Path.GetTempPath(), "preg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "data"));
        using (var h = Process.Start(new ProcessStartInfo(htpasswd) { ArgumentList = { "-Bbc", Path.Combine(root, "htpasswd"), username, password }, RedirectStandardError = true, RedirectStandardOutput = true })!)
        {
            await h.WaitForExitAsync(ct).ConfigureAwait(false);
            if (h.ExitCode != 0)
                throw new InvalidOperationException("htpasswd failed: " + await h.StandardError.ReadToEndAsync(ct).ConfigureAwait(false));
        }
        var port = Docker.RequiredTool.FreePort();
        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log: {"{"}level: warn{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {Path.Combine(root, "data")}{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
            http: {"{"}addr: 127.0.0.1:{port}{"}"}
            auth: {"{"}htpasswd: {"{"}realm: test, path: {Path.Combine(root, "htpasswd")}{"}"}{"}"}
            """, ct).ConfigureAwait(false);
        var process = Process.Start(new ProcessStartInfo(registry) { ArgumentList = { "serve", config }, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer(process, root, port, username, password);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(server.Url, "/v2/"), ct).ConfigureAwait(false);
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                    return server;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"docker-registry did not start on {server.Host}");
            }
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    static string RequiredToolPath(string name, string package) => Docker.RequiredTool.Find(name, package);

    /// <summary>Stops the registry and deletes its storage.</summary>
    public async ValueTask DisposeAsync()
    {
        await Docker.RequiredTool.StopAsync(_process, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
