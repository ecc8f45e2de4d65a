using Polly;
using Polly.Retry;

namespace Pipelines.Containers;

/// <summary>The one shape of retry every client here uses: a bounded number of attempts, exponential backoff with jitter.</summary>
static class RetryPipelines
{
    /// <summary>A pipeline retrying what <paramref name="handle"/> accepts, <paramref name="attempts"/> times in all.</summary>
    public static ResiliencePipeline Create(int attempts, TimeSpan firstDelay, PredicateBuilder<object> handle, TimeProvider? clock = null) =>
        new ResiliencePipelineBuilder { TimeProvider = clock ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handle,
                MaxRetryAttempts = Math.Max(0, attempts - 1),
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
}
