using System.Net;
using Pipelines.Containers.Registry;

namespace Pipelines.Containers.Tests.Registry;

/// <summary>Bounded retries on 429, 5xx and dropped connections (scripted responses; no timing is asserted).</summary>
public sealed class Retries
{
    sealed class Script(params Func<HttpResponseMessage>[] steps) : HttpMessageHandler
    {
        int _next;
        public int Calls => _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var step = steps[Math.Min(_next++, steps.Length - 1)];
            return Task.FromResult(step());
        }
    }

    static HttpResponseMessage Ok()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("Docker-Content-Digest", "sha256:" + new string('a', 64));
        response.Content = new ByteArrayContent([]);
        response.Content.Headers.ContentType = new("application/vnd.oci.image.manifest.v1+json");
        return response;
    }

    [Fact]
    public async Task Throttling_server_errors_and_dropped_connections_are_retried()
    {
        var script = new Script(
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => throw new HttpRequestException("connection reset"),
            Ok);
        using var client = new OciRegistryClient(new RegistryClientOptions("registry.example") { HttpHandler = script, MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var found = await client.HeadManifestAsync("app", "v1");

        Assert.Equal("sha256:" + new string('a', 64), found?.Digest);
        Assert.Equal(4, script.Calls);
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_one_line()
    {
        var script = new Script(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = new OciRegistryClient(new RegistryClientOptions("registry.example") { HttpHandler = script, MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync("app", "v1"));

        Assert.Equal(3, script.Calls);
        Assert.Equal(503, error.StatusCode);
        Assert.DoesNotContain('\n', error.Message);
    }
}
