using System.Net;

namespace GitOpsAppDemo;

/// <summary>Builds the sample app, so that tests can start exactly what the container runs.</summary>
public static class DemoApp
{
    /// <summary>Creates the app with its endpoints mapped; the caller starts it.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        var info = BuildInfo.From(app.Configuration, typeof(DemoApp).Assembly);

        app.MapGet("/", () => Results.Content(Page(info), "text/html; charset=utf-8"));
        app.MapGet("/version", () => Results.Json(info, DemoJsonContext.Default.BuildInfo));
        // Liveness and readiness probes in the config repo point here: answering at all means ready.
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }

    private static string Page(BuildInfo info)
    {
        var version = WebUtility.HtmlEncode(info.Version);
        var commit = WebUtility.HtmlEncode(info.Commit);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>gitops-app-demo {version}</title></head>
            <body>
              <h1>gitops-app-demo</h1>
              <p>Version: <strong id="version">{version}</strong></p>
              <p>Built from commit: <code id="commit">{commit}</code></p>
            </body>
            </html>
            """;
    }
}
