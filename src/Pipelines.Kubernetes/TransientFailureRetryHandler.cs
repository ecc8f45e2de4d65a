using System.Net;

namespace Pipelines.Kubernetes;

/// <summary>
/// Retries idempotent API requests (everything but POST) that fail before an answer arrives or are answered 429, 500, 502, 503
/// or 504, as client-go does for throttling: a bounded number of attempts with exponential backoff and jitter, honouring a short
/// <c>Retry-After</c>. Watch streams that break after their headers arrived are resumed by <see cref="ResumableWatch{T}"/>, not here.
/// </summary>
public sealed class TransientFailureRetryHandler : DelegatingHandler
{
    /// <summary>Attempts per request, the first one included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first wait between attempts; later ones double (with jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, <c>Retry-After</c> included.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Set on a request whose every answer counts as it comes (an app's answer through the service proxy, where a 503
    /// is the app's verdict): it is sent once.</summary>
    public static readonly HttpRequestOptionsKey<bool> SendOnce = new("pipelines.send-once");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post || (request.Options.TryGetValue(SendOnce, out var once) && once))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt, retryAfter: null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (attempt >= MaxAttempts || !IsTransient(response.StatusCode))
                return response;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            response.Dispose();
            await Task.Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Statuses a later attempt can cure: throttling and an API server (or its load balancer) that is briefly unavailable.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
        var wanted = retryAfter is { } after && after > TimeSpan.Zero ? after.TotalMilliseconds : exponential;
        return TimeSpan.FromMilliseconds(Math.Min(wanted, MaxDelay.TotalMilliseconds));
    }
}
