using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipelines.Kubernetes.Tests.Verifying;
using Pipelines.Kubernetes.Verifying;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Hardening;

/// <summary>
/// Verify against apps and Prometheus servers that misbehave: one that takes the request and never answers, one that sends an
/// endless body, one that drips its body a byte at a time, and Prometheus answers that are not what the HTTP API sends (not
/// JSON, control characters, nesting deeper than any result, the wrong shape). Each fails the check in one bounded, escaped
/// line within the check timeout, instead of hanging the run, filling its memory or its log.
/// </summary>
public sealed class HostileApps(ITestOutputHelper output)
{
    static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_app_that_never_answers_fails_the_check_at_its_timeout()
    {
        await using var scene = await VerifyScene.StartAsync();
        scene.App.Behaviour = AppBehaviour.Silent;

        var (failure, seconds) = await FailAsync(scene, VerifyScene.Options());

        Assert.Contains("GET /version did not answer within 00:00:01, and had not passed once within the 00:00:00 grace period", failure.Message);
        Record("verify/silent-app", seconds);
    }

    [Fact]
    public async Task A_URL_whose_server_takes_the_connection_and_stays_silent_fails_at_the_timeout()
    {
        await using var scene = await VerifyScene.StartAsync();
        using var peer = SilentPeer.Accepting();

        var (failure, seconds) = await FailAsync(scene, VerifyScene.Options() with { App = VerificationEndpoint.Url(new Uri($"http://{peer.Address}/healthz")) });

        Assert.Contains($"GET http://{peer.Address}/healthz did not answer within 00:00:01", failure.Message);
        Assert.True(peer.Accepted >= 1, "the silent server was never reached");
        Record("verify/silent-url", seconds);
    }

    [Fact]
    public async Task An_endless_body_is_read_only_up_to_the_bound()
    {
        await using var scene = await VerifyScene.StartAsync();
        scene.App.Behaviour = AppBehaviour.HugeBody;

        var (failure, seconds) = await FailAsync(scene, VerifyScene.Options() with { BodyMustContain = [VerifyScene.Tag], CheckTimeout = TimeSpan.FromSeconds(10) });

        Assert.Contains($"GET /version answered 200 but its body (more than 1024 KiB: the rest was not read) does not contain '{VerifyScene.Tag}': xxxx", failure.Message);
        Assert.True(failure.Message.Length < 600, $"{failure.Message.Length} characters");
        Assert.All(failure.Result.Checks, c => Assert.True(c.Detail.Length < 400, c.Detail));
        Record("verify/huge-body", seconds, ("bodyBound", "1 MiB"));
    }

    [Fact]
    public async Task A_body_that_drips_a_byte_at_a_time_fails_at_the_check_timeout()
    {
        await using var scene = await VerifyScene.StartAsync();
        scene.App.Behaviour = AppBehaviour.SlowDrip;

        var (failure, seconds) = await FailAsync(scene, VerifyScene.Options());

        Assert.Matches(@"GET /version answered 200 but had sent only \d+ bytes of its body when the 00:00:01 bound passed", failure.Message);
        Record("verify/slow-drip", seconds);
    }

    [Theory]
    [InlineData("not-json", "text/html", "<html>\u001b[2J\u001b]0;owned\u0007 502 Bad Gateway</html>", "with something that is not the HTTP API's JSON: <html>")]
    [InlineData("deep-json", "application/json", null, "with something that is not the HTTP API's JSON: [[[[")]
    [InlineData("wrong-shape", "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", "a result of type matrix, not a vector or scalar")]
    [InlineData("bad-value", "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"\\u001b[31m0\"]}]}}", "not a vector or scalar")]
    public async Task A_Prometheus_answer_that_is_not_a_query_result_fails_the_check_in_one_escaped_line(string scenario, string type, string? body, string expected)
    {
        await using var scene = await VerifyScene.StartAsync();
        await using var prometheus = await CannedServer.StartAsync(type, body ?? new string('[', 100_000) + new string(']', 100_000));
        var check = new PrometheusCheck(VerificationEndpoint.Url(prometheus.BaseAddress), "max(app_error_ratio)", Max: 0.01, Min: null);

        var (failure, seconds) = await FailAsync(scene, VerifyScene.Options() with { Prometheus = check });

        Assert.Contains(expected, failure.Message);
        Assert.DoesNotContain('\u001b', failure.Message);
        Assert.DoesNotContain('\u0007', failure.Message);
        Assert.True(failure.Message.Length < 800, $"{failure.Message.Length} characters");
        Assert.True(prometheus.Requests >= 1);
        Record("verify/prometheus-" + scenario, seconds);
    }

    static async Task<(VerificationFailedException Failure, double Seconds)> FailAsync(VerifyScene scene, VerificationOptions options)
    {
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() =>
            scene.VerifyAsync(options with { CheckTimeout = options.CheckTimeout == VerifyScene.Options().CheckTimeout ? CheckTimeout : options.CheckTimeout, Grace = TimeSpan.Zero }));
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.DoesNotContain('\n', failure.Message);
        // Bounded by the check timeout (plus the machine's slowness), never by the app.
        Assert.InRange(seconds, 0, 60);
        return (failure, seconds);
    }

    void Record(string scenario, double seconds, params (string, object?)[] more) =>
        HardeningFigures.Record(output, "hostile", scenario, [("tried", 1), ("handled", 1), ("seconds", Math.Round(seconds, 1)), .. more]);

    /// <summary>An HTTP server on 127.0.0.1 that answers every request with the same status 200 and body, then closes.</summary>
    sealed class CannedServer : IAsyncDisposable
    {
        readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        readonly CancellationTokenSource _stop = new();
        readonly byte[] _answer;
        Task _serving = Task.CompletedTask;
        int _requests;

        CannedServer(string type, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            _answer = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"), .. bytes];
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Requests => Volatile.Read(ref _requests);

        public static Task<CannedServer> StartAsync(string type, string body)
        {
            var server = new CannedServer(type, body);
            server._listener.Start();
            server._serving = server.ServeAsync();
            return Task.FromResult(server);
        }

        async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var seen = new StringBuilder();
                    while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0) break;
                        seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync(_answer, _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}
