using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// A Kubernetes API server stand-in on 127.0.0.1: discovery, namespaces, apps/v1 workloads, pods, events and the Flux custom
/// resources; get, list, watch (resource versions, bookmarks, 410 Gone), create, update, delete, and merge, JSON and
/// (simplified) strategic-merge patches. kubectl and KubernetesClient both work against it.
/// It authenticates as kube-apiserver does: over TLS (<see cref="StartAsync(bool)"/> with <c>tls: true</c>) a request needs a
/// bearer token it accepts (<see cref="AcceptToken"/>) or a client certificate from its <see cref="CertificateAuthority"/>,
/// else 401; wrong credentials are always 401; a request without any is served only when <see cref="AllowAnonymous"/> is set,
/// as behind <c>kubectl proxy</c> (the default for plain HTTP, over which kubectl sends no credentials at all).
/// </summary>
public sealed partial class KubernetesStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ApiRequest> _requests = new();
    private readonly List<(Func<ApiRequest, bool> Match, TaskCompletionSource<ApiRequest> Signal)> _waiters = new();
    private CancellationTokenSource _dropWatches = new();
    private TaskCompletionSource _watchGate = CompletedGate();

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal) { [DefaultToken] = "stand-in-user" };
    private readonly HashSet<string> _impersonators = new(StringComparer.Ordinal);
    private bool _stallWatches;
    private bool _floodWatches;

    private KubernetesStandIn(WebApplication app, StandInCertificateAuthority? authority)
        => (_app, CertificateAuthority, AllowAnonymous) = (app, authority, authority is null);

    /// <summary>The token the default kubeconfig user has, accepted from the start.</summary>
    public const string DefaultToken = "stand-in-token";

    /// <summary>The CA of a TLS stand-in (serving certificate and client certificates); null over plain HTTP.</summary>
    public StandInCertificateAuthority? CertificateAuthority { get; }

    /// <summary>Whether a request without credentials is served (as <c>system:anonymous</c>); otherwise it is answered 401.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Accepts <paramref name="token"/> as user <paramref name="user"/> from now on.</summary>
    public void AcceptToken(string token, string user = "token-user")
    {
        lock (_gate) _tokens[token] = user;
    }

    /// <summary>Lets <paramref name="user"/> impersonate others from now on (RBAC's <c>impersonate</c> verb on users and groups);
    /// anyone else who sends <c>Impersonate-User</c> is answered 403, as kube-apiserver answers.</summary>
    public void AllowImpersonation(string user)
    {
        lock (_gate) _impersonators.Add(user);
    }

    /// <summary>Refuses <paramref name="token"/> from now on (401), as after a revocation or expiry.</summary>
    public void RevokeToken(string token)
    {
        lock (_gate) _tokens.Remove(token);
    }

    /// <summary>From now on a watch gets its headers and then nothing, not even bookmarks: a server gone silent mid-answer.</summary>
    public void StallWatches()
    {
        lock (_gate) _stallWatches = true;
    }

    /// <summary>From now on a watch gets its headers and then one line without end: filler bytes and never a newline.</summary>
    public void FloodWatches()
    {
        lock (_gate) _floodWatches = true;
    }

    /// <summary>The objects served.</summary>
    public ObjectStore Store { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How often open watches that asked for bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every request so far.</summary>
    public IReadOnlyList<ApiRequest> Requests { get { lock (_gate) return _requests.ToList(); } }

    /// <summary>Starts the server on a free port: plain HTTP, or HTTPS (HTTP/2 and 1.1) with its own CA and client certificates.</summary>
    public static async Task<KubernetesStandIn> StartAsync(bool tls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var authority = tls ? StandInCertificateAuthority.Create() : null;
        if (authority is null)
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        else
        {
            var serving = authority.IssueServerCertificate();
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serving;
                // Asked for, checked per request against the CA (as kube-apiserver's --client-ca-file), never required.
                https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            })));
        }
        var app = builder.Build();
        var standIn = new KubernetesStandIn(app, authority);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("//localhost:", "//127.0.0.1:"));
        return standIn;
    }

    /// <summary>Writes a kubeconfig for this server (context <paramref name="context"/>) into a file in <paramref name="directory"/>:
    /// the server, its CA when it serves TLS, and the user <paramref name="extraUserYaml"/> (by default the accepted token).</summary>
    public string WriteKubeconfig(string directory, string context = "stand-in", string? user = null, string? extraUserYaml = null, string fileName = "kubeconfig")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        var authority = CertificateAuthority is null ? ""
            : "\n    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificateAuthority.CertificatePem));
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}{authority}
            users:
            - name: {user ?? context}
              user: {extraUserYaml ?? DefaultUser}
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: {user ?? context}
                namespace: default
            current-context: {context}
            preferences: {EmptyYaml}
            """);
        return path;
    }

    /// <summary>Aborts every open watch connection mid-stream, as a load balancer or API server restart does.</summary>
    public void DropWatches()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _dropWatches;
            _dropWatches = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    /// <summary>
    /// Holds every new watch request until the returned handle is disposed, so a test can change objects (and compact
    /// the store) while a client is known to be disconnected, instead of racing its reconnect.
    /// </summary>
    public IDisposable HoldWatches()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _watchGate = gate;
        return new WatchHold(() =>
        {
            lock (_gate)
                _watchGate = CompletedGate();
            gate.TrySetResult();
        });
    }

    private Task WatchGateAsync(CancellationToken ct)
    {
        Task gate;
        lock (_gate)
            gate = _watchGate.Task;
        return gate.WaitAsync(ct);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class WatchHold(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }

    /// <summary>
    /// Completes when a request matching <paramref name="match"/> arrives (or has arrived after <paramref name="afterIndex"/>):
    /// the signal tests await instead of sleeping.
    /// </summary>
    public Task<ApiRequest> WaitForRequestAsync(Func<ApiRequest, bool> match, int afterIndex = 0, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var seen = _requests.Skip(afterIndex).FirstOrDefault(match);
            if (seen is not null) return Task.FromResult(seen);
            var tcs = new TaskCompletionSource<ApiRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, tcs));
            ct.Register(() => tcs.TrySetCanceled(ct));
            return tcs.Task;
        }
    }

    /// <summary>Creates a namespace if missing.</summary>
    public void EnsureNamespace(string name)
    {
        var ns = ApiResource.ByKind("Namespace");
        if (Store.Get(ns, null, name) is null)
            Store.Create(ns, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["status"] = new JsonObject { ["phase"] = "Active" } });
    }

    /// <summary>Stops the server and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _proxyClient.Dispose();
        CertificateAuthority?.Dispose();
    }

    private void Record(ApiRequest request)
    {
        List<TaskCompletionSource<ApiRequest>> fire;
        lock (_gate)
        {
            _requests.Add(request);
            fire = _waiters.Where(w => w.Match(request)).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => fire.Contains(w.Signal));
        }
        foreach (var f in fire) f.TrySetResult(request);
    }

    private const string EmptyYaml = "{}";
    private const string DefaultUser = "{token: " + DefaultToken + "}";

    private CancellationToken DropToken { get { lock (_gate) return _dropWatches.Token; } }

    private static string Now() => ObjectStore.Timestamp(DateTimeOffset.UtcNow);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
