using Pipelines.Kubernetes.Verifying;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Verifying;

/// <summary>
/// The Verifier against an app behind the stand-in's service proxy: a check passes on the status and the served tag, a soak
/// re-checks until its end, and a restart, a readiness drop or a failing answer during the soak fails it in one line; before
/// the first pass the app may fail within the grace period, but the API server's own refusals end it at once.
/// </summary>
public sealed class VerifyingAnApp
{
    [Fact]
    public async Task The_app_passes_when_it_answers_with_the_image_tag_it_runs()
    {
        await using var scene = await VerifyScene.StartAsync();

        var result = await scene.VerifyAsync(VerifyScene.Options() with { BodyMustContain = [VerifyScene.Tag] });

        Assert.True(result.Passed);
        var check = Assert.Single(result.Checks);
        Assert.Equal("http", check.Kind);
        Assert.StartsWith($"GET /version answered 200, with '{VerifyScene.Tag}' in ", check.Detail);
        Assert.Equal("service shop/web:http /version", result.Target);
        Assert.Equal(TimeSpan.Zero, result.Soaked - (result.SoakEndedAt - result.SoakStartedAt));
        Assert.NotNull(result.FirstPassAfter);
        Assert.Equal(["deployment/shop/web"], result.Workloads);
    }

    [Fact]
    public async Task An_app_that_serves_another_version_fails_naming_what_it_served()
    {
        await using var scene = await VerifyScene.StartAsync();

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() =>
            scene.VerifyAsync(VerifyScene.Options() with { BodyMustContain = ["9999999"], Grace = TimeSpan.FromMilliseconds(500) }));

        Assert.StartsWith("service shop/web:http /version: GET /version answered 200 but its body does not contain '9999999': {\"version\":\"5d6e7f8\"", failure.Message);
        Assert.Contains("had not passed once within the 00:00:00.5000000 grace period", failure.Message);
        Assert.False(failure.Result.Passed);
        Assert.True(failure.Result.Checks.Count >= 2, "checked again within the grace period");
        Assert.True(failure.AppAtFault);
    }

    [Fact]
    public async Task The_one_Service_selecting_the_workload_is_found_when_none_is_named()
    {
        await using var scene = await VerifyScene.StartAsync();

        var result = await scene.VerifyAsync(VerifyScene.Options("/healthz") with { App = null });

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("service shop/web:http /healthz", result.Target);
    }

    [Fact]
    public async Task A_URL_is_checked_directly()
    {
        await using var scene = await VerifyScene.StartAsync();

        var result = await scene.VerifyAsync(VerifyScene.Options() with { App = VerificationEndpoint.Url(new Uri(scene.App.BaseAddress, "/version")), BodyMustContain = [VerifyScene.Commit] });

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(new Uri(scene.App.BaseAddress, "/version").ToString(), result.Target);
    }

    [Fact]
    public async Task A_soak_checks_again_every_interval_until_its_end_and_sees_the_pods_stay_ready()
    {
        await using var scene = await VerifyScene.StartAsync();

        var result = await scene.VerifyAsync(VerifyScene.Options() with { Soak = TimeSpan.FromSeconds(1.5) });

        Assert.True(result.Passed, result.Failure);
        Assert.True(result.Soaked >= TimeSpan.FromSeconds(1.5), $"soaked {result.Soaked}");
        // Checked again until the soak's end, not once: the last check starts at or after it (how many fit depends on the machine).
        var http = result.Checks.Where(c => c.Kind == "http").ToList();
        Assert.True(http.Count >= 3, $"{http.Count} check(s)");
        Assert.True(http[^1].At >= result.SoakStartedAt!.Value + TimeSpan.FromSeconds(1.5), $"last check at {http[^1].At:O}, soak from {result.SoakStartedAt:O}");
        Assert.Matches(@"^2 pod\(s\) of deployment/shop/web stayed ready with no restart for 1\.\d+s$", result.Checks[^1].Detail);
    }

    [Fact]
    public async Task A_container_restart_during_the_soak_fails_it_at_once()
    {
        await using var scene = await VerifyScene.StartAsync();
        var pod = scene.StandIn.PodsOf("shop", "web")[0];
        var watching = scene.StandIn.WaitForRequestAsync(r => r.IsWatchOf("pods"));

        var verifying = scene.VerifyAsync(VerifyScene.Options() with { Soak = TimeSpan.FromMinutes(1) });
        await watching;
        scene.StandIn.RestartContainer("shop", pod);
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => verifying);

        Assert.Contains($"pod shop/{pod}: container app restarted (restart count 0 → 1, last exit: OOMKilled 137) during the soak", failure.Message);
        Assert.Equal("pods", failure.Result.Checks[^1].Kind);
        Assert.False(failure.Result.Checks[^1].Passed);
        Assert.True(failure.AppAtFault);
    }

    [Fact]
    public async Task A_pod_that_stops_being_ready_during_the_soak_fails_it()
    {
        await using var scene = await VerifyScene.StartAsync();
        var pod = scene.StandIn.PodsOf("shop", "web")[1];
        var watching = scene.StandIn.WaitForRequestAsync(r => r.IsWatchOf("pods"));

        var verifying = scene.VerifyAsync(VerifyScene.Options() with { Soak = TimeSpan.FromMinutes(1) });
        await watching;
        scene.StandIn.DropReadiness("shop", pod);
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => verifying);

        Assert.Contains($"pod shop/{pod} of deployment/shop/web is no longer ready (ContainersNotReady: containers with unready status: [app])", failure.Message);
        Assert.True(failure.AppAtFault);
    }

    [Fact]
    public async Task An_answer_that_fails_during_the_soak_fails_it()
    {
        await using var scene = await VerifyScene.StartAsync();
        var failing = scene.StandIn.WaitForRequestAsync(r => r.IsWatchOf("pods"));

        var verifying = scene.VerifyAsync(VerifyScene.Options() with { Soak = TimeSpan.FromMinutes(1) });
        await failing;
        scene.App.Behaviour = AppBehaviour.Failing;
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => verifying);

        Assert.Matches(@"GET /version answered 500 \(accepted: 200-399\): database connection refused, [\d.]+m?s into the 00:01:00 soak", failure.Message);
        Assert.True(failure.AppAtFault);
    }

    [Fact]
    public async Task An_app_still_coming_up_passes_once_it_answers_within_the_grace_period()
    {
        await using var scene = await VerifyScene.StartAsync();
        scene.App.Behaviour = AppBehaviour.Failing;

        var verifying = scene.VerifyAsync(VerifyScene.Options());
        while (scene.App.Requests.Count < 2) await Task.Delay(20);
        scene.App.Behaviour = AppBehaviour.Healthy;
        var result = await verifying;

        Assert.True(result.Passed, result.Failure);
        Assert.True(result.Checks.Count(c => !c.Passed) >= 2, string.Join("\n", result.Checks));
        Assert.True(result.Checks[^1].Passed);
    }

    [Fact]
    public async Task Without_ready_endpoints_the_check_fails_with_the_API_server_s_answer()
    {
        await using var scene = await VerifyScene.StartAsync();
        foreach (var pod in scene.StandIn.PodsOf("shop", "web"))
            scene.StandIn.DropReadiness("shop", pod);

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => scene.VerifyAsync(VerifyScene.Options() with { Grace = TimeSpan.Zero }));

        Assert.Contains("GET /version: the API server answered 503 (no endpoints available for service \"web:http\")", failure.Message);
        // The proxy's 503 is the app's: its pods are not ready.
        Assert.True(failure.AppAtFault);
    }

    [Fact]
    public async Task A_Service_that_does_not_exist_ends_the_verification_without_waiting_for_the_grace_period()
    {
        await using var scene = await VerifyScene.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => scene.VerifyAsync(VerifyScene.Options() with
        {
            App = VerificationEndpoint.Service(new ServiceAddress("shop", "api", "http")),
            Grace = TimeSpan.FromMinutes(5),
        }));

        Assert.Contains("the API server answered 404 (services \"api\" not found)", failure.Message);
        Assert.Contains("check the verified Service", failure.Message);
        // The API server's own refusal says nothing of the app, so it reverts nothing.
        Assert.False(failure.AppAtFault);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("/../../secrets", "has a '.' or '..' segment")]
    [InlineData("/%2e%2e/secrets", "has a '.' or '..' segment")]
    [InlineData("healthz", "is not an absolute path")]
    [InlineData("/health z", "is not an absolute path")]
    public async Task A_path_that_would_leave_the_proxy_is_refused_before_any_request(string path, string problem)
    {
        await using var scene = await VerifyScene.StartAsync();
        var before = scene.StandIn.Requests.Count;

        var refused = await Assert.ThrowsAsync<KubernetesInputException>(() => scene.VerifyAsync(VerifyScene.Options(path)));

        Assert.StartsWith("verified path '", refused.Message);
        Assert.Contains(problem, refused.Message);
        Assert.Equal(Pipelines.Tooling.FailureKind.BadInput, refused.Kind);
        Assert.Equal(before, scene.StandIn.Requests.Count);
    }
}
