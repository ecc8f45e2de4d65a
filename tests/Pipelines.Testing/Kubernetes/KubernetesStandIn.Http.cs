using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pipelines.Testing.Kubernetes;

public sealed partial class KubernetesStandIn
{
    private async Task HandleAsync(HttpContext ctx)
    {
        var query = ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var isWatch = query.TryGetValue("watch", out var w) && (w == "true" || w == "1");
        query.TryGetValue("resourceVersion", out var rv);
        var authenticated = Authenticate(ctx);
        var impersonation = ctx.Request.Headers.Where(h => h.Key.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")).ToList();
        var (user, forbidden) = Impersonate(authenticated, ctx.Request.Headers["Impersonate-User"].ToString());
        Record(new ApiRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "/", query, isWatch, rv,
            ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, ctx.Request.ContentType) { User = user, Impersonation = impersonation });
        if (authenticated is null)
        {
            await WriteStatusAsync(ctx, 401, "Unauthorized", "Unauthorized");
            return;
        }
        if (forbidden is not null)
        {
            await WriteStatusAsync(ctx, 403, "Forbidden", forbidden);
            return;
        }
        try
        {
            if (await TryProxyAsync(ctx))
                return;
            await RouteAsync(ctx, query, isWatch);
        }
        catch (StoreException e)
        {
            await WriteStatusAsync(ctx, e.Code, e.Reason, e.Message);
        }
        catch (JsonException e)
        {
            await WriteStatusAsync(ctx, 400, "BadRequest", "invalid JSON: " + e.Message);
        }
    }

    // kube-apiserver's impersonation filter: an authenticated user allowed to impersonate becomes the user it names; anyone
    // else is refused with the authorizer's message. Null user: not authenticated, or forbidden.
    private (string? User, string? Forbidden) Impersonate(string? authenticated, string impersonated)
    {
        if (authenticated is null || impersonated.Length == 0)
            return (authenticated, null);
        lock (_gate)
        {
            return _impersonators.Contains(authenticated)
                ? (impersonated, null)
                : (null, $"users \"{impersonated}\" is forbidden: User \"{authenticated}\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
        }
    }

    // kube-apiserver's order: a client certificate from the CA, else a bearer token it knows; credentials that fail are 401
    // even where anonymous requests are allowed; none at all is system:anonymous, if allowed. Null: refused.
    private string? Authenticate(HttpContext ctx)
    {
        if (ctx.Connection.ClientCertificate is { } certificate && CertificateAuthority?.Verifies(certificate) == true)
            return certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
        var authorization = ctx.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            lock (_gate)
                return _tokens.GetValueOrDefault(authorization["Bearer ".Length..].Trim());
        }
        if (authorization.Length > 0 || ctx.Connection.ClientCertificate is not null)
            return null;
        return AllowAnonymous ? "system:anonymous" : null;
    }

    private async Task RouteAsync(HttpContext ctx, Dictionary<string, string> query, bool isWatch)
    {
        var segs = (ctx.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segs)
        {
            case ["version"]:
                await WriteJsonAsync(ctx, 200, new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-standin", ["platform"] = "linux/amd64" });
                return;
            case ["api"]:
                await WriteJsonAsync(ctx, 200, new JsonObject
                {
                    ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = BaseAddress.Authority }),
                });
                return;
            case ["apis"]:
                await WriteJsonAsync(ctx, 200, GroupList());
                return;
            case ["api", var v]:
                await WriteResourceListAsync(ctx, "", v);
                return;
            case ["apis", var g, var v]:
                await WriteResourceListAsync(ctx, g, v);
                return;
        }
        string group, version;
        string[] rest;
        if (segs is ["api", var cv, .. var r1]) (group, version, rest) = ("", cv, r1);
        else if (segs is ["apis", var ag, var av, .. var r2]) (group, version, rest) = (ag, av, r2);
        else throw new StoreException(404, "NotFound", "the server could not find the requested resource");

        string? ns = null, name = null, plural;
        var status = false;
        switch (rest)
        {
            case ["namespaces"] when group == "": plural = "namespaces"; break;
            case ["namespaces", var n] when group == "": plural = "namespaces"; name = n; break;
            case ["namespaces", var n, var p]: ns = n; plural = p; break;
            case ["namespaces", var n, var p, var nm]: ns = n; plural = p; name = nm; break;
            case ["namespaces", var n, var p, var nm, "status"]: ns = n; plural = p; name = nm; status = true; break;
            case [var p]: plural = p; break;
            case [var p, var nm]: plural = p; name = nm; break;
            default: throw new StoreException(404, "NotFound", "the server could not find the requested resource");
        }
        var resource = ApiResource.Find(group, version, plural)
            ?? throw new StoreException(404, "NotFound", "the server could not find the requested resource");
        if (!resource.Namespaced && ns is not null)
            throw new StoreException(404, "NotFound", "the server could not find the requested resource");

        var method = ctx.Request.Method;
        if (name is null)
        {
            if (method == "GET" && isWatch) await WatchAsync(ctx, resource, ns, query);
            else if (method == "GET") await ListAsync(ctx, resource, ns, query);
            else if (method == "POST") await WriteJsonAsync(ctx, 201, Store.Create(resource, ns, await ReadObjectAsync(ctx), Validation(query)));
            else throw new StoreException(405, "MethodNotAllowed", $"{method} is not supported on a collection");
            return;
        }
        switch (method)
        {
            case "GET":
                await WriteObjectAsync(ctx, Store.Get(resource, ns, name) ?? throw NotFound(resource, name));
                return;
            case "PUT":
                var body = await ReadObjectAsync(ctx);
                var expected = (string?)body["metadata"]?["resourceVersion"];
                await WriteObjectAsync(ctx, Store.Update(resource, ns, name, o => Replace(o, body), status, expected, Validation(query)));
                return;
            case "PATCH":
                var patch = await ReadNodeAsync(ctx);
                var type = (ctx.Request.ContentType ?? "").Split(';')[0].Trim();
                Action<JsonObject> apply = type switch
                {
                    "application/merge-patch+json" => o => JsonPatching.Merge(o, AsObject(patch)),
                    "application/strategic-merge-patch+json" when !resource.IsCustom => o => JsonPatching.Merge(o, AsObject(patch)),
                    "application/json-patch+json" => o => JsonPatching.Apply(o, patch as JsonArray ?? throw new StoreException(400, "BadRequest", "a JSON patch must be an array")),
                    _ => throw new StoreException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json{(resource.IsCustom ? "" : ", application/strategic-merge-patch+json")}"),
                };
                await WriteObjectAsync(ctx, Store.Update(resource, ns, name, apply, status, validation: Validation(query)));
                return;
            case "DELETE":
                await WriteObjectAsync(ctx, Store.Delete(resource, ns, name));
                return;
            default:
                throw new StoreException(405, "MethodNotAllowed", $"{method} is not supported");
        }
    }

    // kube-apiserver's fieldValidation: kubectl asks for Strict; other clients get unknown fields dropped.
    private static FieldValidation Validation(Dictionary<string, string> query) =>
        query.TryGetValue("fieldValidation", out var v) && v == "Strict" ? FieldValidation.Strict : FieldValidation.Prune;

    private static void Replace(JsonObject target, JsonObject body)
    {
        foreach (var key in target.Select(kv => kv.Key).ToList()) target.Remove(key);
        foreach (var (k, v) in body) target[k] = v?.DeepClone();
    }

    private async Task ListAsync(HttpContext ctx, ApiResource resource, string? ns, Dictionary<string, string> query)
    {
        query.TryGetValue("labelSelector", out var labels);
        query.TryGetValue("fieldSelector", out var fields);
        var (items, version) = Store.List(resource, ns, o => Selectors.Matches(o, labels, fields));
        if (WantsTable(ctx))
        {
            await WriteJsonAsync(ctx, 200, StandInTable.For(resource, items, Num(version)));
            return;
        }
        await WriteJsonAsync(ctx, 200, new JsonObject
        {
            ["kind"] = resource.Kind + "List", ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = Num(version) },
            ["items"] = new JsonArray(items.ToArray<JsonNode?>()),
        });
    }

    private async Task WatchAsync(HttpContext ctx, ApiResource resource, string? ns, Dictionary<string, string> query)
    {
        query.TryGetValue("labelSelector", out var labels);
        query.TryGetValue("fieldSelector", out var fields);
        query.TryGetValue("resourceVersion", out var rvText);
        var bookmarks = query.TryGetValue("allowWatchBookmarks", out var b) && b == "true";
        var initialEvents = query.TryGetValue("sendInitialEvents", out var ie) && ie == "true";
        long? from = long.TryParse(rvText, out var parsed) && parsed > 0 && !initialEvents ? parsed : null;
        var timeout = query.TryGetValue("timeoutSeconds", out var ts) && int.TryParse(ts, out var secs) ? TimeSpan.FromSeconds(secs) : TimeSpan.FromMinutes(30);

        await WatchGateAsync(ctx.RequestAborted);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        var subscription = Store.Subscribe(resource, ns, from);
        if (subscription is null)
        {
            await WriteLineAsync(ctx, new JsonObject
            {
                ["type"] = "ERROR",
                ["object"] = StatusObject(410, "Expired", $"too old resource version: {rvText} ({Store.CurrentVersion})"),
            });
            return;
        }
        var (replay, channel) = subscription.Value;
        bool stalled, flooded;
        lock (_gate) (stalled, flooded) = (_stallWatches, _floodWatches);
        if (flooded)
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            var filler = new byte[64 * 1024];
            filler.AsSpan().Fill((byte)'a');
            try
            {
                // 1 GiB at most, so that a client without a bound fails the test instead of the machine.
                for (var i = 0; i < 16 * 1024 && !ctx.RequestAborted.IsCancellationRequested; i++)
                    await ctx.Response.Body.WriteAsync(filler, ctx.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
            Store.Unsubscribe(channel);
            return;
        }
        if (stalled)
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, DropToken);
            try { await Task.Delay(Timeout.Infinite, silence.Token); }
            catch (OperationCanceledException) { }
            Store.Unsubscribe(channel);
            return;
        }
        var drop = DropToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, drop);
        stop.CancelAfter(timeout);
        var lastSent = from ?? Store.CurrentVersion;
        try
        {
            await ctx.Response.StartAsync(stop.Token);
            foreach (var ev in replay) lastSent = await SendAsync(ctx, ev, labels, fields, lastSent);
            if (initialEvents)
                await WriteLineAsync(ctx, Bookmark(resource, lastSent, initialEventsEnd: true));
            await ctx.Response.Body.FlushAsync(stop.Token);
            while (!stop.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                tick.CancelAfter(BookmarkInterval);
                try
                {
                    var ev = await channel.Reader.ReadAsync(tick.Token);
                    lastSent = await SendAsync(ctx, ev, labels, fields, lastSent);
                    while (channel.Reader.TryRead(out var more)) lastSent = await SendAsync(ctx, more, labels, fields, lastSent);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    if (bookmarks) await WriteLineAsync(ctx, Bookmark(resource, lastSent, initialEventsEnd: false));
                }
                await ctx.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            Store.Unsubscribe(channel);
            // A dropped watch is cut mid-stream (no clean end of the chunked body), as when a connection is lost.
            if (drop.IsCancellationRequested)
                ctx.Abort();
        }
    }

    private static async Task<long> SendAsync(HttpContext ctx, StoreEvent ev, string? labels, string? fields, long lastSent)
    {
        if (Selectors.Matches(ev.Object, labels, fields))
            await WriteLineAsync(ctx, new JsonObject { ["type"] = ev.Type, ["object"] = ev.Object.DeepClone() });
        return Math.Max(lastSent, ev.ResourceVersion);
    }

    private static JsonObject Bookmark(ApiResource resource, long version, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = Num(version) };
        if (initialEventsEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        return new JsonObject { ["type"] = "BOOKMARK", ["object"] = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.GroupVersion, ["metadata"] = meta } };
    }

    private static async Task WriteLineAsync(HttpContext ctx, JsonObject line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString() + "\n");
        await ctx.Response.Body.WriteAsync(bytes);
        await ctx.Response.Body.FlushAsync();
    }

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var gv in ApiResource.All.Where(r => r.Group.Length > 0).Select(r => (r.Group, r.Version, r.GroupVersion)).Distinct())
        {
            var version = new JsonObject { ["groupVersion"] = gv.GroupVersion, ["version"] = gv.Version };
            groups.Add(new JsonObject
            {
                ["name"] = gv.Group, ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone(),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static async Task WriteResourceListAsync(HttpContext ctx, string group, string version)
    {
        var resources = ApiResource.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0) throw new StoreException(404, "NotFound", "the server could not find the requested resource");
        var list = new JsonArray();
        foreach (var r in resources)
        {
            list.Add(new JsonObject
            {
                ["name"] = r.Plural, ["singularName"] = r.Singular, ["namespaced"] = r.Namespaced, ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
                ["shortNames"] = new JsonArray(r.ShortNames.Select(s => (JsonNode?)s).ToArray()),
                ["categories"] = new JsonArray(r.Categories.Select(c => (JsonNode?)c).ToArray()),
            });
            if (r.Kind is not ("Event" or "Namespace"))
                list.Add(new JsonObject
                {
                    ["name"] = r.Plural + "/status", ["singularName"] = "", ["namespaced"] = r.Namespaced, ["kind"] = r.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
        }
        await WriteJsonAsync(ctx, 200, new JsonObject
        {
            ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}", ["resources"] = list,
        });
    }

    private static bool WantsTable(HttpContext ctx) => ctx.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static async Task WriteObjectAsync(HttpContext ctx, JsonObject obj)
    {
        if (WantsTable(ctx))
        {
            var resource = ApiResource.ByKind((string)obj["kind"]!);
            await WriteJsonAsync(ctx, 200, StandInTable.For(resource, [obj], (string?)obj["metadata"]?["resourceVersion"] ?? ""));
            return;
        }
        await WriteJsonAsync(ctx, 200, obj);
    }

    private static async Task WriteJsonAsync(HttpContext ctx, int code, JsonNode body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }

    private static Task WriteStatusAsync(HttpContext ctx, int code, string reason, string message) =>
        ctx.Response.HasStarted ? Task.CompletedTask : WriteJsonAsync(ctx, code, StatusObject(code, reason, message));

    private static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
        ["message"] = message, ["reason"] = reason, ["code"] = code,
    };

    private static async Task<JsonNode> ReadNodeAsync(HttpContext ctx) =>
        await JsonNode.ParseAsync(ctx.Request.Body) ?? throw new StoreException(400, "BadRequest", "empty body");

    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx) => AsObject(await ReadNodeAsync(ctx));

    private static JsonObject AsObject(JsonNode node) => node as JsonObject ?? throw new StoreException(400, "BadRequest", "the body must be a JSON object");

    private static StoreException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.Plural}{(resource.Group.Length > 0 ? "." + resource.Group : "")} \"{name}\" not found");
}
