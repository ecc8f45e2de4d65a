using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pipelines.Testing.GitHub;

/// <summary>
/// git's smart HTTP protocol as GitHub serves it at <c>/{owner}/{name}.git</c>, answered by the real <c>git http-backend</c>
/// (CGI) over bare repositories, with GitHub's token check: basic auth whose password is a token the stand-in knows
/// (<c>x-access-token:TOKEN</c>); none or unknown → 401 with a challenge, a read-only token pushing → 403.
/// </summary>
public sealed partial class GitHubStandIn
{
    readonly Dictionary<string, string> gitRepositories = new(StringComparer.Ordinal);

    /// <summary>Every token a git request authenticated with, in order (so a test can see which token a push used); lock it to read.</summary>
    public List<string> GitTokensSeen { get; } = [];

    /// <summary>Added to every git request before it is answered, so a test can watch the git processes while they wait.</summary>
    public TimeSpan GitResponseDelay { get; set; }

    /// <summary>Serves the bare repository at <paramref name="bareDirectory"/> as <c>owner/name</c> over git's HTTP protocol.</summary>
    public void AddGitRepository(string fullName, string bareDirectory)
    {
        AddRepository(fullName);
        lock (gate)
            gitRepositories[fullName] = bareDirectory;
    }

    /// <summary>The clone URL of <paramref name="fullName"/>.</summary>
    public string GitUrl(string fullName) => $"{BaseAddress}{fullName}.git";

    void MapGit(WebApplication app) =>
        app.Map("/{owner}/{name}.git/{**rest}", (Delegate)ServeGitAsync);

    async Task ServeGitAsync(HttpContext http, string owner, string name, string? rest)
    {
        if (GitResponseDelay > TimeSpan.Zero)
            await Task.Delay(GitResponseDelay, http.RequestAborted).ConfigureAwait(false);
        var fullName = $"{owner}/{name}";
        string? bare;
        lock (gate)
            bare = gitRepositories.GetValueOrDefault(fullName);
        var push = http.Request.Query["service"] == "git-receive-pack" || rest == "git-receive-pack";
        var token = BasicPassword(http);
        if (token is null || !tokens.TryGetValue(token, out var grant))
        {
            http.Response.StatusCode = 401;
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHub\"";
            return;
        }
        lock (GitTokensSeen)
            GitTokensSeen.Add(token);
        if (bare is null || grant.Repository != fullName)
        {
            http.Response.StatusCode = 404;
            return;
        }
        if (push && !grant.CanWrite)
        {
            http.Response.StatusCode = 403;
            await http.Response.WriteAsync("Permission to " + fullName + " denied.\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }
        await RunBackendAsync(http, bare, rest ?? "").ConfigureAwait(false);
    }

    static async Task RunBackendAsync(HttpContext http, string bare, string rest)
    {
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var request = http.Request;
        start.Environment["GIT_PROJECT_ROOT"] = Path.GetDirectoryName(bare)!;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["PATH_INFO"] = "/" + Path.GetFileName(bare) + "/" + rest;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        // http-backend enables receive-pack only for an authenticated user.
        start.Environment["REMOTE_USER"] = "x-access-token";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.Headers["Content-Encoding"].ToString() is { Length: > 0 } encoding)
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            start.Environment["GIT_PROTOCOL"] = protocol;

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await request.Body.CopyToAsync(process.StandardInput.BaseStream, http.RequestAborted).ConfigureAwait(false);
        process.StandardInput.Close();

        var output = process.StandardOutput.BaseStream;
        // CGI: header lines up to an empty line, then the body.
        while (ReadHeaderLine(output) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            var (key, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (key.Equals("Status", StringComparison.OrdinalIgnoreCase))
                http.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                http.Response.Headers[key] = value;
        }
        await output.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        await process.WaitForExitAsync(http.RequestAborted).ConfigureAwait(false);
        await errors.ConfigureAwait(false);
    }

    static string? ReadHeaderLine(Stream stream)
    {
        var line = new StringBuilder();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (b != '\r')
                line.Append((char)b);
        }
        return b < 0 && line.Length == 0 ? null : line.ToString();
    }

    /// <summary>The password of a basic Authorization header: where git puts a GitHub token.</summary>
    static string? BasicPassword(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':');
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
