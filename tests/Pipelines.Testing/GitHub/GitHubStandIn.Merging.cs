using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace Pipelines.Testing.GitHub;

/// <summary>
/// What happens to a pull request after it is opened, as a wait observes it: <c>GET /repos/{owner}/{name}/pulls/{number}</c>
/// counts as a poll, and a pull request's script (<see cref="StandInPullRequest.MergeAfterPolls"/>, <see cref="StandInPullRequest.CloseAfterPolls"/>,
/// <see cref="StandInPullRequest.QueueAfterPolls"/>, set for each new pull request by <see cref="Opened"/>) moves it on at a
/// given poll: into the merge queue, closed, or merged. A merge is real in the repository served with
/// <see cref="AddGitRepository"/>: <c>git merge-tree</c> of head into base, then a merge commit (squash and rebase: a single-parent
/// commit) on the base branch, which is then what <c>merge_commit_sha</c> names. GraphQL's <c>repository.pullRequest</c> answers
/// <c>state</c>, <c>isInMergeQueue</c>, <c>mergeQueueEntry</c>, <c>autoMergeRequest</c> and <c>mergeStateStatus</c>.
/// </summary>
public sealed partial class GitHubStandIn
{
    /// <summary>Called for each pull request as it is opened, to script what happens to it.</summary>
    public Action<StandInPullRequest>? Opened { get; set; }

    void MapMerging(RouteGroupBuilder api) =>
        api.MapGet("/repos/{owner}/{name}/pulls/{number:int}", (HttpContext http, string owner, string name, int number) =>
        {
            if (Authorize(http, owner, name, write: false) is { } denied)
                return denied;
            StandInPullRequest? pull;
            lock (gate)
            {
                pull = PullRequests.FirstOrDefault(p => p.Owner == owner && p.Repository == name && p.Number == number);
                if (pull is null)
                    return Error(404, "Not Found");
                pull.Polls++;
                if (pull.State == "open" && pull.CloseAfterPolls is { } close && pull.Polls >= close)
                    pull.State = "closed";
                if (pull.State == "open" && pull.QueueAfterPolls is { } queue && pull.Polls >= queue)
                    pull.InMergeQueue = true;
            }
            if (pull.State == "open" && pull.MergeAfterPolls is { } merge && pull.Polls >= merge)
                MergeForReal(pull);
            lock (gate)
                return Results.Json(PullJson(pull));
        });

    /// <summary>Merges <paramref name="pull"/> as GitHub would: a real merge commit on its base branch when the repository's git
    /// is served here, else only its state.</summary>
    public void MergeForReal(StandInPullRequest pull)
    {
        string? bare;
        lock (gate)
            bare = gitRepositories.GetValueOrDefault($"{pull.Owner}/{pull.Repository}");
        var method = pull.AutoMergeMethod?.ToLowerInvariant() ?? "merge";
        string sha;
        if (bare is null)
            sha = MergeSha(pull);
        else
        {
            var @base = Git(bare, "rev-parse", $"refs/heads/{pull.Base}");
            var head = Git(bare, "rev-parse", $"refs/heads/{pull.Head}");
            var tree = Git(bare, "merge-tree", "--write-tree", @base, head).Split('\n')[0];
            sha = method == "merge"
                ? Git(bare, "commit-tree", tree, "-p", @base, "-p", head, "-m", $"Merge pull request #{pull.Number} from {pull.Owner}/{pull.Head}")
                : Git(bare, "commit-tree", tree, "-p", @base, "-m", $"{pull.Title} (#{pull.Number})");
            Git(bare, "update-ref", $"refs/heads/{pull.Base}", sha, @base);
        }
        lock (gate)
        {
            pull.MergedWith = method;
            pull.MergeCommitSha = sha;
            pull.InMergeQueue = false;
            pull.State = "closed";
        }
    }

    IResult MergeStateAnswer(string repository, JsonNode? variables)
    {
        var (owner, name, number) = ((string?)variables?["owner"], (string?)variables?["name"], (int?)variables?["number"]);
        lock (gate)
        {
            var pull = PullRequests.FirstOrDefault(p => p.Owner == owner && p.Repository == name && p.Number == number);
            if (pull is null || repository != $"{owner}/{name}")
                return Results.Json(new { data = new { repository = (object?)null }, errors = new[] { new { type = "NOT_FOUND", message = $"Could not resolve to a Repository with the name '{owner}/{name}'." } } });
            var state = pull.MergedWith is not null ? "MERGED" : pull.State == "closed" ? "CLOSED" : "OPEN";
            return Results.Json(new
            {
                data = new
                {
                    repository = new
                    {
                        pullRequest = new
                        {
                            state,
                            isInMergeQueue = pull.InMergeQueue,
                            mergeQueueEntry = pull.InMergeQueue ? new { state = "AWAITING_CHECKS", position = 1 } : null,
                            autoMergeRequest = pull.AutoMergeMethod is { } method && pull.MergedWith is null ? new { mergeMethod = method } : null,
                            mergeStateStatus = pull.State == "open" ? RequiresChecks ? "BLOCKED" : "CLEAN" : "UNKNOWN",
                        },
                    },
                },
            });
        }
    }

    static string Git(string bare, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-C", bare, "-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }
}
