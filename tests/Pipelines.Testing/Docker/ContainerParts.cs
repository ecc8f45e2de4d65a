using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Pipelines.Testing.Ecr;
using Pipelines.Testing.Registry;
using Xunit;

namespace Pipelines.Testing.Docker;

/// <summary>
/// Everything the container tests need, started once per test run: a private dockerd, the CNCF registry with htpasswd auth, and the
/// ECR stand-in in front of that registry. Use it as an xunit collection fixture; disposal stops all three.
/// </summary>
public sealed class ContainerParts : IAsyncLifetime
{
    DockerDaemon? _docker;

    /// <summary>The private docker daemon.</summary>
    public DockerDaemon Docker => _docker ?? throw new InvalidOperationException("dockerd is not started");

    /// <summary>The registry.</summary>
    public RegistryServer Registry { get; private set; } = null!;

    /// <summary>The ECR stand-in in front of <see cref="Registry"/>.</summary>
    public EcrStandIn Ecr { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        RequiredTool.Find("skopeo", "skopeo");
        RequiredTool.Find("busybox", "busybox-static");
        Registry = await RegistryServer.StartAsync().ConfigureAwait(false);
        Ecr = await EcrStandIn.StartAsync(Registry.Url, Registry.Username, Registry.Password).ConfigureAwait(false);
        _docker = await DockerDaemon.StartAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_docker is not null)
            await _docker.DisposeAsync().ConfigureAwait(false);
        if (Ecr is not null)
            await Ecr.DisposeAsync().ConfigureAwait(false);
        if (Registry is not null)
            await Registry.DisposeAsync().ConfigureAwait(false);
        (_docker, Ecr, Registry) = (null, null!, null!);
    }

    /// <summary>
    /// A git repository with a <c>FROM scratch</c> + busybox Dockerfile, committed. <paramref name="marker"/> goes into a file in the
    /// image, so different markers give different images.
    /// </summary>
    public static async Task<string> CreateAppRepositoryAsync(string marker)
    {
        var dir = Path.Combine(Path.GetTempPath(), "papp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.Copy(RequiredTool.Find("busybox", "busybox-static"), Path.Combine(dir, "busybox"));
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY marker.txt /marker.txt\nENTRYPOINT [\"/bin/busybox\"]\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, "marker.txt"), marker).ConfigureAwait(false);
        await GitAsync(dir, "init", "-q", "-b", "main").ConfigureAwait(false);
        await GitAsync(dir, "add", "-A").ConfigureAwait(false);
        await GitAsync(dir, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "app").ConfigureAwait(false);
        return dir;
    }

    /// <summary>Runs git in <paramref name="dir"/> and returns its standard output.</summary>
    public static async Task<string> GitAsync(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }

    /// <summary>Runs a tool and returns (exit code, stdout, stderr).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
            start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().ConfigureAwait(false);
        return (p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>
    /// Uploads a tiny single-layer image straight into the registry over the distribution API (no daemon), and returns its manifest
    /// digest. <paramref name="content"/> varies the layer.
    /// </summary>
    public async Task<string> SeedImageAsync(string repository, string tag, string content)
    {
        using var http = new HttpClient { BaseAddress = Registry.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Registry.Username}:{Registry.Password}")));
        var layer = Encoding.UTF8.GetBytes(content);
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"seed\":\"" + content + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest(layer) + "\"]}}");
        await UploadBlobAsync(http, repository, layer).ConfigureAwait(false);
        await UploadBlobAsync(http, repository, config).ConfigureAwait(false);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + Digest(config) + "\",\"size\":" + config.Length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Digest(layer) + "\",\"size\":" + layer.Length + "}]}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/{tag}") { Content = new ByteArrayContent(manifest) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(put).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Digest(manifest);
    }

    static async Task UploadBlobAsync(HttpClient http, string repository, byte[] blob)
    {
        using var start = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null).ConfigureAwait(false);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var url = location.ToString() + (location.ToString().Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(Digest(blob));
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(blob) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.SendAsync(put).ConfigureAwait(false);
        done.EnsureSuccessStatusCode();
    }

    /// <summary>The sha256 digest of <paramref name="bytes"/>.</summary>
    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
