using System.Net;
using System.Text.Json;

namespace GitOpsAppDemo.Tests;

public sealed class ServingThePage
{
    [Fact]
    public async Task Page_shows_the_version_and_commit_set_at_build()
    {
        await using var app = await RunningApp.StartAsync("--APP_VERSION", "1.4.0", "--SOURCE_COMMIT", "5d6e7f8a9b");

        var page = await app.Client.GetStringAsync("/");

        Assert.Contains("<strong id=\"version\">1.4.0</strong>", page);
        Assert.Contains("<code id=\"commit\">5d6e7f8a9b</code>", page);
    }

    [Fact]
    public async Task Version_falls_back_to_the_assembly_when_nothing_is_set()
    {
        await using var app = await RunningApp.StartAsync();

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/version"));

        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("commit").GetString()));
    }

    [Fact]
    public async Task An_empty_version_from_the_image_falls_back_to_the_assembly()
    {
        // The Dockerfile's APP_VERSION defaults to empty, which the image turns into an empty environment variable.
        await using var app = await RunningApp.StartAsync("--APP_VERSION=", "--SOURCE_COMMIT=5d6e7f8a9b");

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/version"));

        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("version").GetString()));
        Assert.Equal("5d6e7f8a9b", json.RootElement.GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Values_are_html_encoded()
    {
        await using var app = await RunningApp.StartAsync("--APP_VERSION", "<script>");

        var page = await app.Client.GetStringAsync("/");

        Assert.DoesNotContain("<script>", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var app = await RunningApp.StartAsync();

        using var response = await app.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
