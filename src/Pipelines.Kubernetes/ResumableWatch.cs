using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pipelines.Kubernetes;

/// <summary>
/// List then watch, as client-go's reflector does: on a dropped connection the watch resumes from the last resource version
/// seen (bookmarks included); on 410 Gone it lists afresh. Callbacks run one at a time, in order. When list or watch keeps
/// failing for longer than <paramref name="outageTolerance"/> without delivering anything, the last error is thrown; until the
/// first list succeeds the limit is at most <see cref="FirstContactTolerance"/>, so a wrong address fails in seconds.
/// </summary>
internal sealed class ResumableWatch<T>(
    Func<CancellationToken, Task<(IList<T> Items, string? ResourceVersion)>> list,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    TimeSpan outageTolerance)
    where T : class, IMetadata<V1ObjectMeta>
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How long the first contact may keep failing before the error is thrown.</summary>
    public static readonly TimeSpan FirstContactTolerance = TimeSpan.FromSeconds(5);

    public async Task RunAsync(Func<IList<T>, Task> onList, Func<WatchEventType, T, Task> onEvent, CancellationToken ct)
    {
        string? version = null;
        var failures = 0;
        long? failingSince = null;
        var connected = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var gone = false;
            var sawAny = false;
            Exception? streamError = null;
            try
            {
                if (version is null)
                {
                    // A list whose body is cut off fails here and is listed again after the backoff below.
                    var (items, listVersion) = await list(ct).ConfigureAwait(false);
                    connected = true;
                    await onList(items).ConfigureAwait(false);
                    version = listVersion ?? "0";
                }
                await foreach (var (type, item) in watch(version, e =>
                {
                    if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }) gone = true;
                    else streamError = e;
                }, ct).ConfigureAwait(false))
                {
                    failures = 0;
                    sawAny = true;
                    if (item.Metadata?.ResourceVersion is { Length: > 0 } rv) version = rv;
                    if (type is WatchEventType.Bookmark or WatchEventType.Error) continue;
                    await onEvent(type, item).ConfigureAwait(false);
                }
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
            {
                gone = true;
            }
            catch (HttpOperationException e) when (e.Response is { } r && TransientFailureRetryHandler.IsTransient(r.StatusCode))
            {
                streamError = e;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                streamError = e;
            }
            if (gone)
            {
                version = null;
                continue;
            }
            // A server that accepts and never answers is not cured by asking again before it ever answered.
            if (!connected && streamError is not null && ApiBoundException.In(streamError) is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(streamError);
            if (streamError is not null || !sawAny)
            {
                // First retry at once (a dropped connection), then back off so a down server is not hammered.
                var delay = failures == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, failures)));
                failures++;
                if (streamError is null || sawAny)
                    failingSince = null;
                else if (failingSince is null)
                    failingSince = System.Diagnostics.Stopwatch.GetTimestamp();
                else if (System.Diagnostics.Stopwatch.GetElapsedTime(failingSince.Value) + delay > (connected ? outageTolerance : Min(outageTolerance, FirstContactTolerance)))
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(streamError);
                if (delay > TimeSpan.Zero) await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
