using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipelines.Testing.Ecr;

/// <summary>
/// ECR's registry endpoint (<c>ACCOUNT.dkr.ecr.REGION.amazonaws.com</c>) on 127.0.0.1: it accepts only the authorization tokens
/// <see cref="EcrStandIn"/> issued (user <c>AWS</c>), answers an expired one as ECR does (403 <c>DENIED</c>, "Your authorization
/// token has expired. Reauthenticate and try again."), and forwards everything else, streamed, to the real registry behind it.
/// </summary>
public sealed class EcrRegistryEndpoint : IAsyncDisposable
{
    /// <summary>ECR's message for an expired token, as <c>docker push</c> prints it after <c>denied: </c>.</summary>
    public const string ExpiredMessage = "Your authorization token has expired. Reauthenticate and try again.";

    static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    readonly WebApplication _app;
    readonly HttpClient _backend;
    readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    int _expiredRejections;
    int _authorizedRequests;

    sealed class IssuedToken(DateTimeOffset expiresAt, int? requestLimit)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public int? RequestLimit { get; } = requestLimit;
        public int Uses;
    }

    EcrRegistryEndpoint(WebApplication app, Uri backend, string username, string password, EcrTokenPolicy policy)
    {
        _app = app;
        Policy = policy;
        _backend = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = backend, Timeout = Timeout.InfiniteTimeSpan };
        _backend.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    /// <summary>How long tokens last and how many requests each may authorise.</summary>
    public EcrTokenPolicy Policy { get; }

    /// <summary>The endpoint's URL (what GetAuthorizationToken returns as <c>proxyEndpoint</c>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every token issued so far (the secrets a client must never print).</summary>
    public IReadOnlyList<string> IssuedTokens => _tokens.Keys.ToList();

    /// <summary>Requests let through with a valid token.</summary>
    public int AuthorizedRequests => Volatile.Read(ref _authorizedRequests);

    /// <summary>Requests refused because their token had expired.</summary>
    public int ExpiredRejections => Volatile.Read(ref _expiredRejections);

    /// <summary>Starts an endpoint in front of the registry at <paramref name="backend"/>, logging in there as <paramref name="username"/>.</summary>
    public static async Task<EcrRegistryEndpoint> StartAsync(Uri backend, string username, string password, EcrTokenPolicy policy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var endpoint = new EcrRegistryEndpoint(app, backend, username, password, policy);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return endpoint;
    }

    /// <summary>Issues a token valid for <see cref="EcrTokenPolicy.Lifetime"/>; returns it with its expiry.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueToken()
    {
        // ECR's tokens are long opaque base64 blobs; this one is random and as unguessable.
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var expiresAt = DateTimeOffset.UtcNow + Policy.Lifetime;
        _tokens[token] = new IssuedToken(expiresAt, _tokens.IsEmpty ? Policy.FirstTokenRequests : null);
        return (token, expiresAt);
    }

    async Task HandleAsync(HttpContext context)
    {
        var denial = Authorize(context.Request.Headers.Authorization.ToString());
        if (denial is { } d)
        {
            context.Response.StatusCode = d.Status;
            if (d.Status == 401)
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Url.ToString().TrimEnd('/')}/\",service=\"ecr.amazonaws.com\"";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync($"{{\"errors\":[{{\"code\":\"{d.Code}\",\"message\":\"{d.Message}\"}}]}}\n").ConfigureAwait(false);
            return;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "/";
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        // The registry builds upload Locations from Host: keep the client's, so they point back here.
        forward.Headers.Host = context.Request.Host.Value;
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
            forward.Content = new StreamContent(context.Request.Body);
        else if (context.Request.ContentLength == 0)
            forward.Content = new ByteArrayContent([]);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopHeaders.Contains(name))
                continue;
            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        using var response = await _backend.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name) && !name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        }
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    (int Status, string Code, string Message)? Authorize(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return (401, "UNAUTHORIZED", "Not Authorized");
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return (401, "UNAUTHORIZED", "Not Authorized");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || decoded[..colon] != "AWS" || !_tokens.TryGetValue(decoded[(colon + 1)..], out var token))
            return (401, "UNAUTHORIZED", "Not Authorized");
        var uses = Interlocked.Increment(ref token.Uses);
        if (DateTimeOffset.UtcNow >= token.ExpiresAt || (token.RequestLimit is { } limit && uses > limit))
        {
            Interlocked.Increment(ref _expiredRejections);
            return (403, "DENIED", ExpiredMessage);
        }
        Interlocked.Increment(ref _authorizedRequests);
        return null;
    }

    /// <summary>Stops the endpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _backend.Dispose();
    }
}
