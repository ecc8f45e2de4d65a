using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipelines.Testing.Apps;

/// <summary>
/// A real HTTP listener on 127.0.0.1 that plays the deployed sample app behind a Service: <c>/healthz</c> answers <c>ok</c>,
/// <c>/version</c> the version (the image tag) and commit of whatever image runs now (<see cref="Running"/>), as the sample
/// serves them, and <c>/metrics</c> the Prometheus text format with <c>http_requests_total</c> and the settable gauge
/// <c>app_error_ratio</c>. <see cref="Behaviour"/> turns it hostile (failing, silent, a huge body, a slow drip) at any moment.
/// </summary>
public sealed class ServedApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _requests = new();
    private long _served;
    private long _failed;

    private ServedApp(WebApplication app, Func<(string Version, string Commit)> running) => (_app, Running) = (app, running);

    /// <summary>The version (tag) and commit the app says it runs.</summary>
    public Func<(string Version, string Commit)> Running { get; set; }

    /// <summary>How the app paths answer now.</summary>
    public AppBehaviour Behaviour { get; set; } = AppBehaviour.Healthy;

    /// <summary>The value of the <c>app_error_ratio</c> gauge on <c>/metrics</c>.</summary>
    public double ErrorRatio { get; set; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Every request's path and Authorization header (null when none), in order.</summary>
    public IReadOnlyList<(string Path, string? Authorization)> Requests => _requests.ToList();

    /// <summary>Starts the app on a free port.</summary>
    public static async Task<ServedApp> StartAsync(Func<(string Version, string Commit)> running)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var served = new ServedApp(app, running);
        app.Run(served.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        served.Port = new Uri(address).Port;
        return served;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        _requests.Enqueue((path, ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null));
        if (path == "/metrics")
        {
            ctx.Response.ContentType = "text/plain; version=0.0.4";
            await ctx.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                # TYPE http_requests_total counter
                http_requests_total{"{"}code="200"{"}"} {Interlocked.Read(ref _served)}
                http_requests_total{"{"}code="500"{"}"} {Interlocked.Read(ref _failed)}
                # TYPE app_error_ratio gauge
                app_error_ratio {ErrorRatio}

                """));
            return;
        }
        switch (Behaviour)
        {
            case AppBehaviour.Failing:
                Interlocked.Increment(ref _failed);
                ctx.Response.StatusCode = 500;
                await ctx.Response.WriteAsync("database connection refused\n");
                return;
            case AppBehaviour.Silent:
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); } catch (OperationCanceledException) { }
                return;
            case AppBehaviour.HugeBody:
                ctx.Response.ContentType = "text/plain";
                var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
                try
                {
                    for (var i = 0; i < 1024; i++)
                        await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
                }
                catch (Exception) when (ctx.RequestAborted.IsCancellationRequested) { }
                return;
            case AppBehaviour.SlowDrip:
                ctx.Response.ContentType = "text/plain";
                try
                {
                    await ctx.Response.StartAsync(ctx.RequestAborted);
                    while (true)
                    {
                        await ctx.Response.Body.WriteAsync("o"u8.ToArray(), ctx.RequestAborted);
                        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                        await Task.Delay(500, ctx.RequestAborted);
                    }
                }
                catch (Exception) when (ctx.RequestAborted.IsCancellationRequested) { }
                return;
        }
        Interlocked.Increment(ref _served);
        if (path == "/version")
        {
            var (version, commit) = Running();
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync($"{{\"version\":\"{version}\",\"commit\":\"{commit}\"}}");
            return;
        }
        await ctx.Response.WriteAsync("ok");
    }

    /// <summary>Stops the app and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
