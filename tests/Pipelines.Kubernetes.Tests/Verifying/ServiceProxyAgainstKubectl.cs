using System.Text.Json.Nodes;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Verifying;

/// <summary>
/// The stand-in's service proxy, checked with real kubectl (<c>kubectl get --raw</c>): the Service port by number and by name,
/// the path and query handed on, a named targetPort resolved through the pod's container ports, 503 without ready endpoints
/// and 404 without the Service, as kube-apiserver answers; and the caller's token is not handed on to the app.
/// </summary>
public sealed class ServiceProxyAgainstKubectl
{
    [Fact]
    public async Task Kubectl_reaches_the_app_through_the_service_port_by_number_and_by_name()
    {
        await using var scene = await VerifyScene.StartAsync();

        var byNumber = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:80/proxy/version");
        var byName = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:http/proxy/healthz?probe=1");
        var services = await scene.Kubectl.RunAsync("get", "services", "-n", "shop");

        Assert.True(byNumber.ExitCode == 0, byNumber.StandardError);
        Assert.Equal($"{{\"version\":\"{VerifyScene.Tag}\",\"commit\":\"{VerifyScene.Commit}\"}}", byNumber.StandardOutput.Trim());
        Assert.True(byName.ExitCode == 0, byName.StandardError);
        Assert.Equal("ok", byName.StandardOutput.Trim());
        Assert.Equal(["/version", "/healthz"], scene.App.Requests.Select(r => r.Path));
        Assert.True(services.ExitCode == 0, services.StandardError);
        Assert.Contains("web", services.StandardOutput);
    }

    [Fact]
    public async Task The_token_kubectl_authenticates_with_is_not_handed_on_to_the_app()
    {
        await using var scene = await VerifyScene.StartAsync(tls: true);

        var get = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:http/proxy/version");

        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Contains(scene.StandIn.Requests, r => r.Authorization == "Bearer " + KubernetesStandIn.DefaultToken);
        Assert.Null(Assert.Single(scene.App.Requests).Authorization);
    }

    [Fact]
    public async Task A_named_target_port_is_the_container_port_of_that_name()
    {
        await using var scene = await VerifyScene.StartAsync(withService: false);
        ServiceManifests.Create(scene.StandIn, "shop", ServiceManifests.Service("web", "web", 8080, null, JsonValue.Create("http")));
        foreach (var pod in scene.StandIn.PodsOf("shop", "web"))
            scene.StandIn.Store.Update(ApiResource.ByKind("Pod"), "shop", pod,
                p => p["spec"]!["containers"]![0]!["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = scene.App.Port }));

        var get = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:8080/proxy/healthz");

        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Equal("ok", get.StandardOutput.Trim());
    }

    [Fact]
    public async Task Without_ready_endpoints_the_answer_is_503_and_without_the_Service_404()
    {
        await using var scene = await VerifyScene.StartAsync();
        foreach (var pod in scene.StandIn.PodsOf("shop", "web"))
            scene.StandIn.DropReadiness("shop", pod);

        var unready = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:http/proxy/healthz");
        var unknownPort = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/web:81/proxy/healthz");
        var missing = await scene.Kubectl.RunAsync("get", "--raw", "/api/v1/namespaces/shop/services/api:80/proxy/healthz");

        Assert.NotEqual(0, unready.ExitCode);
        Assert.Contains("(ServiceUnavailable): no endpoints available for service \"web:http\"", unready.StandardError);
        Assert.Contains("(ServiceUnavailable): no service port 81 found for service \"web\"", unknownPort.StandardError);
        Assert.Contains("(NotFound): services \"api\" not found", missing.StandardError);
        Assert.Empty(scene.App.Requests);
    }
}
