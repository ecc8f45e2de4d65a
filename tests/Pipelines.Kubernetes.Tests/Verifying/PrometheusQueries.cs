using Pipelines.Kubernetes.Verifying;
using Pipelines.Testing.Prometheus;

namespace Pipelines.Kubernetes.Tests.Verifying;

/// <summary>
/// The Prometheus check against the real Prometheus server scraping the app every second: an instant query within its
/// threshold passes, one above it fails naming the value, and a query Prometheus refuses or that returns no samples fails in
/// one line; Prometheus is reached by URL or, through the service proxy, as a Service.
/// </summary>
public sealed class PrometheusQueries
{
    [Fact]
    public async Task The_app_passes_while_its_error_ratio_stays_under_the_maximum_and_fails_once_it_rises()
    {
        await using var scene = await VerifyScene.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{scene.App.Port}");
        scene.App.ErrorRatio = 0.002;
        await prometheus.WaitForSampleAsync("app_error_ratio");
        var check = new PrometheusCheck(VerificationEndpoint.Url(prometheus.BaseAddress), "max(app_error_ratio)", Max: 0.01, Min: null);

        var passed = await scene.VerifyAsync(VerifyScene.Options() with { Prometheus = check });
        scene.App.ErrorRatio = 0.25;
        await prometheus.WaitForSampleAsync("app_error_ratio > 0.2");
        var failed = await Assert.ThrowsAsync<VerificationFailedException>(() => scene.VerifyAsync(VerifyScene.Options() with { Prometheus = check, Grace = TimeSpan.Zero }));

        Assert.True(passed.Passed, passed.Failure);
        Assert.Equal("max(app_error_ratio) <= 0.01: 0.002", passed.Checks.Single(c => c.Kind == "prometheus").Detail);
        Assert.Contains("max(app_error_ratio) <= 0.01 does not hold: 0.25", failed.Message);
    }

    [Fact]
    public async Task Prometheus_is_reached_as_a_Service_through_the_service_proxy()
    {
        await using var scene = await VerifyScene.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{scene.App.Port}");
        Pipelines.Testing.Kubernetes.ServiceManifests.Create(scene.StandIn, "monitoring",
            Pipelines.Testing.Kubernetes.ServiceManifests.Service("prometheus", "prometheus", 9090, "web", System.Text.Json.Nodes.JsonValue.Create(prometheus.Port)));
        Pipelines.Testing.Kubernetes.DeploymentScript.Create(scene.StandIn, "monitoring", "prometheus", "quay.io/prometheus/prometheus:v2.42.0", replicas: 1);
        await prometheus.WaitForSampleAsync("up");
        var check = new PrometheusCheck(VerificationEndpoint.Service(new ServiceAddress("monitoring", "prometheus", "web")), "min(up)", Max: null, Min: 1);

        var result = await scene.VerifyAsync(VerifyScene.Options() with { Prometheus = check });

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("1 <= min(up): 1", result.Checks.Single(c => c.Kind == "prometheus").Detail);
    }

    [Theory]
    [InlineData("max(app_error_ratio{job=\"none\"})", "returned no samples (append `or vector(0)` if no data means none)")]
    [InlineData("max(app_error_ratio", "Prometheus refused the query (bad_data: ")]
    public async Task A_query_without_samples_or_one_Prometheus_refuses_fails(string query, string problem)
    {
        await using var scene = await VerifyScene.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{scene.App.Port}");
        await prometheus.WaitForSampleAsync("app_error_ratio");
        var check = new PrometheusCheck(VerificationEndpoint.Url(prometheus.BaseAddress), query, Max: 0.01, Min: null);

        var failed = await Assert.ThrowsAsync<VerificationFailedException>(() => scene.VerifyAsync(VerifyScene.Options() with { Prometheus = check, Grace = TimeSpan.Zero }));

        Assert.Contains(problem, failed.Message);
    }
}
