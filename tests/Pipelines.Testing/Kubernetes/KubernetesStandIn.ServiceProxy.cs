using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Pipelines.Testing.Kubernetes;

public sealed partial class KubernetesStandIn
{
    private static readonly ApiResource Services = ApiResource.ByKind("Service");
    private static readonly ApiResource PodResource = ApiResource.ByKind("Pod");

    // The proxy the API server puts in front of a Service; requests to it come from one client at a time, so one is enough.
    private readonly HttpClient _proxyClient = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// The service proxy, <c>/api/v1/namespaces/{ns}/services/[scheme:]{name}[:port]/proxy/{path}</c>, as kube-apiserver serves it:
    /// a port number is the Service port's number and is mapped to its name; the endpoints are those the endpoints controller
    /// would list (pods matching the selector that are ready, at their <c>targetPort</c>, a number or a named container port); the
    /// request goes to one of them with its path and query, without the caller's Authorization header (the API server removes
    /// it once it has authenticated), and the answer is streamed back as it comes. No Service: 404; no ready endpoint: 503
    /// <c>no endpoints available for service</c>; an endpoint that refuses: 503 <c>error trying to reach service</c>. Every pod
    /// of the stand-in runs on this machine: a pod without <c>status.podIP</c> is at 127.0.0.1.
    /// </summary>
    private async Task<bool> TryProxyAsync(HttpContext ctx)
    {
        var match = ProxyPath().Match(ctx.Request.Path.Value ?? "");
        if (!match.Success)
            return false;
        var (ns, id, rest) = (match.Groups["ns"].Value, Uri.UnescapeDataString(match.Groups["id"].Value), match.Groups["rest"].Value);
        var parts = id.Split(':');
        var (name, port) = parts.Length switch
        {
            1 => (parts[0], ""),
            2 => (parts[0], parts[1]),
            3 when parts[0] is "http" or "https" => (parts[1], parts[2]),
            _ => throw new StoreException(400, "BadRequest", $"invalid service request \"{id}\""),
        };
        var service = Store.Get(Services, ns, name) ?? throw new StoreException(404, "NotFound", $"services \"{name}\" not found");
        var ports = service["spec"]?["ports"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var declared = ports.FirstOrDefault(p => JsonNumber.Of(p["port"]) == number)
                ?? throw new StoreException(503, "ServiceUnavailable", $"no service port {number} found for service \"{name}\"");
            port = (string?)declared["name"] ?? "";
        }
        var servicePort = ports.FirstOrDefault(p => ((string?)p["name"] ?? "") == port);
        var endpoints = servicePort is null ? [] : Endpoints(ns, service, servicePort);
        if (endpoints.Count == 0 || endpoints.All(e => !e.Ready))
            throw new StoreException(503, "ServiceUnavailable", $"no endpoints available for service \"{(endpoints.Count == 0 ? name : id)}\"");
        var ready = endpoints.Where(e => e.Ready).ToList();
        var (address, targetPort, _) = ready[Random.Shared.Next(ready.Count)];
        var target = new UriBuilder("http", address, targetPort) { Path = rest.Length == 0 ? "/" : rest, Query = ctx.Request.QueryString.Value ?? "" }.Uri;
        await ForwardAsync(ctx, target, address, targetPort);
        return true;
    }

    private List<(string Address, int Port, bool Ready)> Endpoints(string ns, JsonObject service, JsonObject servicePort)
    {
        var selector = service["spec"]?["selector"]?.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value) ?? [];
        if (selector.Count == 0)
            return [];
        var found = new List<(string, int, bool)>();
        foreach (var pod in Store.List(PodResource, ns).Items)
        {
            var labels = pod["metadata"]?["labels"]?.AsObject();
            if (labels is null || !selector.All(s => (string?)labels[s.Key] == s.Value) || pod["metadata"]?["deletionTimestamp"] is not null)
                continue;
            if (TargetPort(pod, servicePort) is not { } port)
                continue;
            found.Add(((string?)pod["status"]?["podIP"] ?? "127.0.0.1", port, PodReady(pod)));
        }
        return found;
    }

    // A number, or the name of one of the pod's container ports; absent, the Service port itself.
    private static int? TargetPort(JsonObject pod, JsonObject servicePort)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target?.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            return (int)JsonNumber.Of(target)!.Value;
        var named = (string?)target;
        var containerPort = pod["spec"]?["containers"]?.AsArray().OfType<JsonObject>()
            .SelectMany(c => c["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            .FirstOrDefault(p => (string?)p["name"] == named);
        return containerPort is null ? null : (int?)JsonNumber.Of(containerPort["containerPort"]);
    }

    // The kubelet's Ready condition; the stand-in's scripted pods may only have ready container statuses in phase Running.
    private static bool PodReady(JsonObject pod)
    {
        if (pod["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready") is { } condition)
            return (string?)condition["status"] == "True";
        var statuses = pod["status"]?["containerStatuses"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        return (string?)pod["status"]?["phase"] == "Running" && statuses.Count > 0 && statuses.All(s => (bool?)s["ready"] == true);
    }

    private async Task ForwardAsync(HttpContext ctx, Uri target, string address, int port)
    {
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), target);
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(ctx.Request.Body);
        foreach (var (header, values) in ctx.Request.Headers)
        {
            if (header is "Authorization" or "Host" or "Connection" or "Transfer-Encoding" or "Content-Length" or "Content-Type") continue;
            request.Headers.TryAddWithoutValidation(header, values.ToArray());
        }
        if (ctx.Request.ContentType is { } type && request.Content is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        HttpResponseMessage response;
        try
        {
            response = await _proxyClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            throw new StoreException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp {address}:{port}: {e.Message}");
        }
        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (header, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (header is "Connection" or "Transfer-Encoding" or "Keep-Alive") continue;
                ctx.Response.Headers[header] = values.ToArray();
            }
            await using var body = await response.Content.ReadAsStreamAsync(ctx.RequestAborted);
            try
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, ctx.RequestAborted)) > 0)
                {
                    await ctx.Response.Body.WriteAsync(buffer.AsMemory(0, read), ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
            }
            catch (Exception) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The client stopped reading (a bounded check has what it wanted): nothing more to send.
            }
        }
    }

    [GeneratedRegex(@"^/api/v1/namespaces/(?<ns>[^/]+)/services/(?<id>[^/]+)/proxy(?<rest>/.*)?$")]
    private static partial Regex ProxyPath();
}
