using System.Diagnostics;
using Pipelines.Containers.Building;
using Pipelines.Containers.Running;
using Pipelines.Testing;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Running;

/// <summary>
/// SmokeTester against real images in the private dockerd: a serving image passes; one that exits, listens elsewhere, answers 500,
/// sleeps, runs out of memory or fails its HEALTHCHECK fails in one line; cancelling stops it. No container is ever left behind.
/// </summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class SmokeTesting(ContainerParts parts) : IAsyncLifetime
{
    readonly StringWriter _log = new();
    readonly SecretMasker _masker = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // Every test ends with the daemon holding no container at all, whatever the test did.
    public async Task DisposeAsync() => Assert.Empty(await SmokeImages.ContainersAsync(parts));

    SmokeTester Tester(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var runner = new ProcessRunner(_masker, _log, environment is null ? null : InvocationEnvironment.Of(environment));
        return new SmokeTester(runner, new DockerEngine(runner, DockerDaemon.Cli, parts.Docker.Environment));
    }

    SmokeTestOptions Options(string image) => new(image) { StartTimeout = TimeSpan.FromSeconds(20), Log = _log };

    [Fact]
    public async Task A_serving_image_passes_with_its_address_the_time_to_answer_and_what_it_served()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-good:1", SmokeImages.Serving);

        var result = await Tester().RunAsync(Options(image) with { ShowPaths = ["/version"] });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("127.0.0.1", result.Address.Host);
        Assert.Equal("/healthz", result.Address.AbsolutePath);
        Assert.InRange(result.TimeToFirstAnswer, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(20));
        Assert.Null(result.Health);
        var version = Assert.Single(result.Served);
        Assert.Equal(("/version", 200, "{\"version\":\"1.2.3\",\"commit\":\"0123456789abcdef\"}"), (version.Path, version.StatusCode, version.Body));
        Assert.Contains($"its port 8080 is published on 127.0.0.1:{result.Address.Port}", _log.ToString());
    }

    [Fact]
    public async Task An_entrypoint_that_exits_3_fails_with_that_code_and_its_last_log_line()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-exits:1", """
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo starting >&2; echo 'config file /etc/app.json is missing' >&2; exit 3"]
            """);

        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(image)));

        Assert.Equal((SmokeTestFailure.Exited, 3), (error.Reason, error.ExitCode));
        Assert.Equal(["starting", "config file /etc/app.json is missing"], error.LastLogLines);
        Assert.Matches(@"^the container of smoke-exits:1 exited with code 3 \d+\.\ds after it started; its last log lines: starting \| config file /etc/app.json is missing; fix what makes it exit", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_app_that_listens_on_another_port_never_listened_on_8080()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-other-port:1", """
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo listening on 9090; exec /bin/busybox httpd -f -p 9090 -h /www"]
            """);

        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(image) with { StartTimeout = TimeSpan.FromSeconds(3) }));

        Assert.Equal(SmokeTestFailure.NeverListened, error.Reason);
        Assert.StartsWith("the container of smoke-other-port:1 never listened on 8080 within 3.0s; its last log line: listening on 9090;", error.Message);
        Assert.Contains("container port", error.Message);
    }

    [Fact]
    public async Task An_answer_of_500_fails_at_once_with_the_status_and_the_start_of_the_body()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-500:1", SmokeImages.Serving);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(image) with { Path = "/cgi-bin/failing" }));

        Assert.Equal((SmokeTestFailure.UnexpectedStatus, 500), (error.Reason, error.StatusCode));
        Assert.StartsWith("the container of smoke-500:1 answered GET /cgi-bin/failing with 500 Internal Server Error: database connection refused;", error.Message);
        Assert.Contains("accepted status codes (now 200-399)", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}: a wrong status must not wait for the timeout");
    }

    [Fact]
    public async Task An_app_that_sleeps_forever_is_stopped_at_the_timeout()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-sleeps:1", """
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sleep", "3600"]
            """);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(image) with { StartTimeout = TimeSpan.FromSeconds(3) }));

        Assert.Equal(SmokeTestFailure.NeverListened, error.Reason);
        Assert.StartsWith("the container of smoke-sleeps:1 never listened on 8080 within 3.0s; it logged nothing;", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task An_app_that_runs_out_of_memory_is_reported_as_OOM_killed()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-oom:1", """
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo loading the cache; /bin/busybox head -c 200m /dev/zero | /bin/busybox tail"]
            """);

        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(image) with { MemoryLimit = "16m" }));

        Assert.Equal(SmokeTestFailure.OutOfMemory, error.Reason);
        Assert.StartsWith("the container of smoke-oom:1 was OOM-killed (out of memory at the limit of 16m)", error.Message);
        Assert.Contains("its last log lines: loading the cache", error.Message);
        Assert.Contains("raise the memory limit", error.Message);
    }

    [Fact]
    public async Task A_HEALTHCHECK_counts_as_well()
    {
        var healthy = await SmokeImages.BuildAsync(parts, "smoke-healthy:1", SmokeImages.Serving + """

            HEALTHCHECK --interval=30s CMD ["/bin/busybox", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/healthz"]
            """);
        var failing = await SmokeImages.BuildAsync(parts, "smoke-unhealthy:1", SmokeImages.Serving + """

            HEALTHCHECK CMD ["/bin/busybox", "sh", "-c", "echo cache not warmed; exit 1"]
            """);

        var passed = await Tester().RunAsync(Options(healthy));
        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester().RunAsync(Options(failing) with { StartTimeout = TimeSpan.FromSeconds(4) }));

        // The image's own 30s interval is not waited for: the check runs every second while the smoke test lasts.
        Assert.Equal("healthy", passed.Health);
        Assert.InRange(passed.TimeToFirstAnswer, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal(SmokeTestFailure.Unhealthy, error.Reason);
        Assert.StartsWith("the container of smoke-unhealthy:1 answered, but its HEALTHCHECK did not pass within 4.0s (last check: cache not warmed)", error.Message);
    }

    [Fact]
    public async Task Cancelling_stops_and_removes_the_container()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-cancel:1", """
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sleep", "3600"]
            """);
        using var cancel = new CancellationTokenSource();
        var running = Tester().RunAsync(Options(image), cancel.Token);
        while (!_log.ToString().Contains("is published on", StringComparison.Ordinal))
            await Task.Delay(50);
        Assert.NotEmpty(await SmokeImages.ContainersAsync(parts));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task The_container_gets_no_variable_of_the_build_and_its_log_is_masked()
    {
        const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        _masker.Add(Secret);
        var environment = new Dictionary<string, string?> { ["AWS_SECRET_ACCESS_KEY"] = Secret, ["BUILD_ONLY"] = "from-the-build" };
        var serving = await SmokeImages.BuildAsync(parts, "smoke-env:1", SmokeImages.Serving);
        var leaking = await SmokeImages.BuildAsync(parts, "smoke-leaks:1", $$"""
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo connecting with key {{Secret}}; exit 1"]
            """);

        var result = await Tester(environment).RunAsync(Options(serving) with
        {
            Environment = SmokeTestOptions.ParseEnvironment(["GREETING=hello"]),
            ShowPaths = ["/cgi-bin/env"],
        });
        var error = await Assert.ThrowsAsync<SmokeTestFailedException>(() => Tester(environment).RunAsync(Options(leaking)));

        var served = Assert.Single(result.Served).Body;
        Assert.Contains("GREETING=hello", served);
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", served);
        Assert.DoesNotContain("BUILD_ONLY", served);
        Assert.Contains("its last log line: connecting with key ***", error.Message);
        Assert.DoesNotContain(Secret, error.Message + _log);
        var refused = Assert.Throws<ContainerInputException>(() => SmokeTestOptions.ParseEnvironment(["AWS_SECRET_ACCESS_KEY"]));
        Assert.Equal("container environment entry 'AWS_SECRET_ACCESS_KEY' is not KEY=VALUE; give each variable with its value, e.g. ASPNETCORE_ENVIRONMENT=Staging", refused.Message);
        var secretValue = await Assert.ThrowsAsync<ContainerInputException>(() => Tester().RunAsync(Options(serving) with
        {
            Environment = new Dictionary<string, string> { ["KEY"] = Secret },
        }));
        Assert.StartsWith("container environment variable KEY holds one of the run's secrets", secretValue.Message);
    }

    [Fact]
    public async Task A_port_is_needed_when_the_image_does_not_expose_exactly_one()
    {
        var none = await SmokeImages.BuildAsync(parts, "smoke-no-expose:1", """ENTRYPOINT ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]""");
        var two = await SmokeImages.BuildAsync(parts, "smoke-two-ports:1", "EXPOSE 9090\n" + SmokeImages.Serving);

        var missing = await Assert.ThrowsAsync<ContainerInputException>(() => Tester().RunAsync(Options(none)));
        var ambiguous = await Assert.ThrowsAsync<ContainerInputException>(() => Tester().RunAsync(Options(two)));
        var given = await Tester().RunAsync(Options(none) with { ContainerPort = 8080 });

        Assert.Equal("container port is not given and smoke-no-expose:1 declares no EXPOSE; give the port the app listens on, or add EXPOSE to the Dockerfile", missing.Message);
        Assert.Equal("container port is not given and smoke-two-ports:1 exposes 8080, 9090; give the one that serves HTTP", ambiguous.Message);
        Assert.Equal(200, given.StatusCode);
        Assert.Throws<ContainerInputException>(() => StatusCodeSet.Parse(["20x"]));
        Assert.True(StatusCodeSet.Parse(["204", "300-302"]).Contains(301));
        Assert.False(StatusCodeSet.Parse(["200,204"]).Contains(201));
    }

    [Fact]
    public async Task A_daemonless_build_is_loaded_from_its_archive_and_removed_again()
    {
        var image = await SmokeImages.BuildAsync(parts, "smoke-archive:1", SmokeImages.Serving);
        var archive = Path.Combine(Path.GetTempPath(), $"smoke-archive-{Guid.NewGuid():N}.tar");
        var (saved, _, error) = await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "save", "--output", archive, image);
        Assert.True(saved == 0, error);
        await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "image", "rm", image);

        var result = await Tester().RunAsync(Options(image) with { Archive = archive });

        Assert.Equal(200, result.StatusCode);
        var (inspected, _, _) = await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "image", "inspect", image);
        Assert.NotEqual(0, inspected);
        File.Delete(archive);
    }

    [Fact]
    public async Task Without_an_engine_it_says_so_in_one_line()
    {
        var runner = new ProcessRunner(_masker, _log);
        var nowhere = new DockerEngine(runner, DockerDaemon.Cli, new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{Path.GetTempPath()}no-such-{Guid.NewGuid():N}.sock" });

        var error = await Assert.ThrowsAsync<ContainerEngineUnavailableException>(() => new SmokeTester(runner, nowhere).RunAsync(Options("smoke-good:1")));

        Assert.Contains("does not answer", error.Message);
    }
}
