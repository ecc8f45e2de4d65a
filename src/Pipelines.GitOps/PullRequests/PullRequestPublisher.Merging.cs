using System.Diagnostics;
using Octokit;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

public sealed partial class PullRequestPublisher
{
    const string MergeState =
        "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { "
        + "state isInMergeQueue mergeQueueEntry { state position } autoMergeRequest { mergeMethod } mergeStateStatus } } }";

    /// <summary>
    /// Waits, reading the pull request every <paramref name="pollInterval"/> for at most <paramref name="timeout"/>, until it is
    /// merged, however that happens: by hand, by GitHub's auto-merge once reviews and checks pass, or through the merge queue.
    /// <paramref name="progress"/> hears each new state (auto-merge on, queued at position 2, awaiting checks).
    /// </summary>
    /// <exception cref="PullRequestClosedException">It was closed without being merged.</exception>
    /// <exception cref="PullRequestMergeTimeoutException">It was still open at the bound.</exception>
    public async Task<MergedPullRequest> WaitForMergeAsync(string owner, string repository, int number, TimeSpan timeout, TimeSpan pollInterval,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
            throw new InvalidInputException(GitOpsInputs.MergeTimeout, $"{timeout} is not a positive duration", $"give e.g. 00:30:00");
        if (pollInterval <= TimeSpan.Zero || pollInterval == Timeout.InfiniteTimeSpan)
            throw new InvalidInputException(GitOpsInputs.MergePollInterval, $"{pollInterval} is not a positive duration", $"give e.g. 00:00:15");
        var started = Stopwatch.GetTimestamp();
        string? last = null;
        for (var polls = 1; ; polls++)
        {
            ct.ThrowIfCancellationRequested();
            var pull = await CallAsync(owner, repository, () => github.PullRequest.Get(owner, repository, number)).ConfigureAwait(false);
            if (pull.Merged && pull.MergeCommitSha is { Length: > 0 } merge)
                return new MergedPullRequest(number, pull.HtmlUrl, merge, Stopwatch.GetElapsedTime(started), polls);
            if (pull.State.StringValue == "closed")
                throw new PullRequestClosedException(pull.HtmlUrl);
            var state = await QueueStateAsync(owner, repository, number).ConfigureAwait(false);
            if (state != last)
                progress?.Report($"#{number} {state}");
            last = state;
            if (Stopwatch.GetElapsedTime(started) + pollInterval > timeout)
                throw new PullRequestMergeTimeoutException(pull.HtmlUrl, timeout, state);
            await Task.Delay(pollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Why an open pull request is not merged yet, as GitHub's GraphQL API reports it; its plain state when that cannot be read.</summary>
    async Task<string> QueueStateAsync(string owner, string repository, int number)
    {
        var request = new { query = MergeState, variables = new { owner, name = repository, number } };
        string? body;
        try
        {
            // Read as GitHub's JSON itself: the GraphQL field names are camelCase, which Octokit's mapper does not speak.
            var response = await github.Connection.Post<object>(GraphQl, request, "application/json", "application/json").ConfigureAwait(false);
            body = response.HttpResponse.Body as string;
        }
        catch (ApiException)
        {
            return "open";
        }
        var parts = new List<string> { "open" };
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body ?? "", new System.Text.Json.JsonDocumentOptions { MaxDepth = 16 });
            if (!json.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("repository", out var repo)
                || repo.ValueKind != System.Text.Json.JsonValueKind.Object || !repo.TryGetProperty("pullRequest", out var pull)
                || pull.ValueKind != System.Text.Json.JsonValueKind.Object)
                return "open";
            if (Field(pull, "autoMergeRequest") is { ValueKind: System.Text.Json.JsonValueKind.Object } auto)
                parts.Add($"auto-merge ({(Text(auto, "mergeMethod") ?? "merge").ToLowerInvariant()}) on");
            if (Field(pull, "isInMergeQueue") is { ValueKind: System.Text.Json.JsonValueKind.True } && Field(pull, "mergeQueueEntry") is { ValueKind: System.Text.Json.JsonValueKind.Object } entry)
                parts.Add($"in the merge queue at position {(Field(entry, "position") is { ValueKind: System.Text.Json.JsonValueKind.Number } p ? p.GetInt32() : 0)} ({(Text(entry, "state") ?? "queued").ToLowerInvariant().Replace('_', ' ')})");
            else if (Text(pull, "mergeStateStatus") is { Length: > 0 } status)
                parts.Add($"merge state {status.ToLowerInvariant().Replace('_', ' ')}");
        }
        catch (System.Text.Json.JsonException)
        {
            return "open";
        }
        var line = string.Join(", ", parts);
        return ControlCharacters.Escape(line.Length <= 200 ? line : line[..200] + "…");
    }

    static System.Text.Json.JsonElement? Field(System.Text.Json.JsonElement element, string name) =>
        element.ValueKind == System.Text.Json.JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    static string? Text(System.Text.Json.JsonElement element, string name) =>
        Field(element, name) is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString() : null;
}
