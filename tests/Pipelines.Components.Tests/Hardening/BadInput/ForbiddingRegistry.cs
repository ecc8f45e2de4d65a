using System.Net;
using Pipelines.Testing.Docker;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>A registry that knows the user but forbids everything (403), as a registry with per-repository permissions does.</summary>
public sealed class ForbiddingRegistry : IDisposable
{
    readonly HttpListener _listener = new();

    public ForbiddingRegistry()
    {
        Port = RequiredTool.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json";
            var body = """{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}"""u8.ToArray();
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
