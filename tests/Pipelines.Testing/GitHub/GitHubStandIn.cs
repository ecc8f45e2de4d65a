using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipelines.Testing.GitHub;

/// <summary>
/// The subset of the GitHub REST API (as GitHub Enterprise serves it under <c>/api/v3</c>) that Octokit uses to open
/// pull requests: repository lookup, pulls (list by head/base, create, update, merge), issue labels, the git-data API
/// (<c>GitHubStandIn.GitData.cs</c>); and GraphQL's
/// <c>enablePullRequestAutoMerge</c> under <c>/api/graphql</c>, with GitHub's refusals (auto-merge not allowed; "clean status"
/// when nothing is pending). Tokens are checked like GitHub does: unknown → 401 "Bad credentials"; known without access →
/// 404; read-only → 403 on writes.
/// Runs on 127.0.0.1 on a free port; dispose to stop.
/// </summary>
public sealed partial class GitHubStandIn : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentDictionary<string, (string Repository, bool CanWrite)> tokens = new();
    readonly HashSet<string> repositories = [];
    readonly object gate = new();
    int nextNumber;

    GitHubStandIn(WebApplication app) => this.app = app;

    /// <summary>The base address to give Octokit's <c>GitHubClient</c> (Octokit adds <c>api/v3/</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every pull request created, in order.</summary>
    public List<StandInPullRequest> PullRequests { get; } = [];

    /// <summary>Whether the repositories allow auto-merge (a repository setting on GitHub).</summary>
    public bool AutoMergeAllowed { get; set; } = true;

    /// <summary>Whether pull requests wait for required reviews or checks; when not, they are "clean" and auto-merge is refused.</summary>
    public bool RequiresChecks { get; set; } = true;

    /// <summary>Starts the server.</summary>
    public static async Task<GitHubStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new GitHubStandIn(app);
        var api = app.MapGroup("/api/v3");
        standIn.Map(api);
        standIn.MapGitData(api);
        standIn.MapMerging(api);
        app.MapPost("/api/graphql", (Delegate)standIn.GraphQlAsync);
        standIn.MapGit(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>Adds repository <c>owner/name</c>.</summary>
    public void AddRepository(string fullName)
    {
        lock (gate)
            repositories.Add(fullName);
    }

    /// <summary>Accepts <paramref name="token"/> for <paramref name="repository"/>, with or without write access.</summary>
    public void AddToken(string token, string repository, bool canWrite = true) => tokens[token] = (repository, canWrite);

    void Map(RouteGroupBuilder api)
    {
        api.MapGet("/repos/{owner}/{name}", (HttpContext http, string owner, string name) =>
            Authorize(http, owner, name, write: false) ?? Results.Json(RepositoryJson(owner, name, tokens[Token(http)!].CanWrite)));

        api.MapGet("/repos/{owner}/{name}/pulls", (HttpContext http, string owner, string name, string? state, string? head, string? @base) =>
        {
            if (Authorize(http, owner, name, write: false) is { } denied)
                return denied;
            lock (gate)
            {
                var list = PullRequests.Where(p => p.Owner == owner && p.Repository == name &&
                                                   (state is null or "all" || p.State == state) &&
                                                   (head is null || $"{owner}:{p.Head}" == head) &&
                                                   (@base is null || p.Base == @base)).Select(PullJson).ToList();
                return Results.Json(list);
            }
        });

        api.MapPost("/repos/{owner}/{name}/pulls", async (HttpContext http, string owner, string name) =>
        {
            if (Authorize(http, owner, name, write: true) is { } denied)
                return denied;
            var body = (await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false))!;
            var head = (string)body["head"]!;
            lock (gate)
            {
                if (PullRequests.Any(p => p.Owner == owner && p.Repository == name && p.Head == head && p.State == "open"))
                    return Error(422, $"A pull request already exists for {owner}:{head}.");
                var pull = new StandInPullRequest
                {
                    Number = ++nextNumber, Owner = owner, Repository = name, Head = head,
                    Base = (string)body["base"]!, Title = (string)body["title"]!, Body = (string?)body["body"],
                };
                PullRequests.Add(pull);
                Opened?.Invoke(pull);
                return Results.Json(PullJson(pull), statusCode: 201);
            }
        });

        api.MapMethods("/repos/{owner}/{name}/pulls/{number:int}", ["PATCH"], async (HttpContext http, string owner, string name, int number) =>
        {
            if (Authorize(http, owner, name, write: true) is { } denied)
                return denied;
            var body = (await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false))!;
            lock (gate)
            {
                var pull = PullRequests.FirstOrDefault(p => p.Owner == owner && p.Repository == name && p.Number == number);
                if (pull is null)
                    return Error(404, "Not Found");
                pull.Title = (string?)body["title"] ?? pull.Title;
                pull.Body = (string?)body["body"] ?? pull.Body;
                pull.State = (string?)body["state"] ?? pull.State;
                pull.Updates++;
                return Results.Json(PullJson(pull));
            }
        });

        api.MapPut("/repos/{owner}/{name}/pulls/{number:int}/merge", async (HttpContext http, string owner, string name, int number) =>
        {
            if (Authorize(http, owner, name, write: true) is { } denied)
                return denied;
            var body = await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false);
            lock (gate)
            {
                var pull = PullRequests.FirstOrDefault(p => p.Owner == owner && p.Repository == name && p.Number == number);
                if (pull is null)
                    return Error(404, "Not Found");
                if (pull.State != "open")
                    return Error(405, "Pull Request is not mergeable");
                pull.MergedWith = (string?)body?["merge_method"] ?? "merge";
                pull.MergeCommitSha = MergeSha(pull);
                pull.State = "closed";
                return Results.Json(new { sha = MergeSha(pull), merged = true, message = "Pull Request successfully merged" });
            }
        });

        api.MapPost("/repos/{owner}/{name}/issues/{number:int}/labels", async (HttpContext http, string owner, string name, int number) =>
        {
            if (Authorize(http, owner, name, write: true) is { } denied)
                return denied;
            var body = (await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false))!;
            var labels = (body is JsonArray array ? array : body["labels"]!.AsArray()).Select(l => (string)l!).ToList();
            lock (gate)
            {
                var pull = PullRequests.FirstOrDefault(p => p.Owner == owner && p.Repository == name && p.Number == number);
                if (pull is null)
                    return Error(404, "Not Found");
                foreach (var label in labels.Where(l => !pull.Labels.Contains(l)))
                    pull.Labels.Add(label);
                return Results.Json(pull.Labels.Select(LabelJson).ToList());
            }
        });
    }

    /// <summary>GraphQL: only <c>enablePullRequestAutoMerge(input: {pullRequestId, mergeMethod})</c>, answered as GitHub does.</summary>
    async Task<IResult> GraphQlAsync(HttpContext http)
    {
        var token = Token(http);
        if (token is null || !tokens.TryGetValue(token, out var grant))
            return Error(401, "Bad credentials");
        var body = (await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false))!;
        var query = (string?)body["query"] ?? "";
        if (query.Contains("pullRequest(number:", StringComparison.Ordinal))
            return MergeStateAnswer(grant.Repository, body["variables"]);
        if (!query.Contains("enablePullRequestAutoMerge", StringComparison.Ordinal))
            return GraphQlError("UNKNOWN", "only enablePullRequestAutoMerge is served here");
        var id = (string?)body["variables"]?["id"];
        var method = (string?)body["variables"]?["method"];
        lock (gate)
        {
            var pull = PullRequests.FirstOrDefault(p => p.NodeId == id);
            if (pull is null || grant.Repository != $"{pull.Owner}/{pull.Repository}")
                return GraphQlError("NOT_FOUND", $"Could not resolve to a node with the global id of '{id}'");
            if (!grant.CanWrite)
                return GraphQlError("FORBIDDEN", "Resource not accessible by integration");
            if (method is not ("MERGE" or "SQUASH" or "REBASE"))
                return GraphQlError("INVALID", $"Argument 'mergeMethod' has an invalid value ({method})");
            if (!AutoMergeAllowed)
                return GraphQlError("UNPROCESSABLE", "Pull request Auto merge is not allowed for this repository");
            if (!RequiresChecks)
                return GraphQlError("UNPROCESSABLE", "Pull request Pull request is in clean status");
            pull.AutoMergeMethod = method;
            return Results.Json(new { data = new { enablePullRequestAutoMerge = new { clientMutationId = (string?)null } } });
        }
    }

    static IResult GraphQlError(string type, string message) =>
        Results.Json(new { data = new { enablePullRequestAutoMerge = (object?)null }, errors = new[] { new { type, path = new[] { "enablePullRequestAutoMerge" }, message } } });

    static string MergeSha(StandInPullRequest pull) => Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"{pull.Owner}/{pull.Repository}#{pull.Number}")));

    static string? Token(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        return space < 0 ? null : header[(space + 1)..].Trim();
    }

    IResult? Authorize(HttpContext http, string owner, string name, bool write)
    {
        var token = Token(http);
        if (token is null || !tokens.TryGetValue(token, out var grant))
            return Error(401, "Bad credentials");
        bool exists;
        lock (gate)
            exists = repositories.Contains($"{owner}/{name}");
        if (!exists || grant.Repository != $"{owner}/{name}")
            return Error(404, "Not Found");
        if (write && !grant.CanWrite)
            return Error(403, "Resource not accessible by integration");
        return null;
    }

    static IResult Error(int status, string message) =>
        Results.Json(new { message, documentation_url = "https://docs.github.com/rest" }, statusCode: status);

    object RepositoryJson(string owner, string name, bool canWrite) => new
    {
        id = Math.Abs($"{owner}/{name}".GetHashCode()),
        name,
        full_name = $"{owner}/{name}",
        owner = UserJson(owner),
        html_url = $"{BaseAddress}{owner}/{name}",
        url = $"{BaseAddress}api/v3/repos/{owner}/{name}",
        clone_url = $"{BaseAddress}{owner}/{name}.git",
        default_branch = "main",
        @private = true,
        permissions = new { admin = false, push = canWrite, pull = true },
    };

    object PullJson(StandInPullRequest pull) => new
    {
        id = pull.Number * 1000,
        node_id = pull.NodeId,
        number = pull.Number,
        state = pull.State,
        title = pull.Title,
        body = pull.Body,
        html_url = $"{BaseAddress}{pull.Owner}/{pull.Repository}/pull/{pull.Number}",
        url = $"{BaseAddress}api/v3/repos/{pull.Owner}/{pull.Repository}/pulls/{pull.Number}",
        user = UserJson("pipelines"),
        head = new { label = $"{pull.Owner}:{pull.Head}", @ref = pull.Head, sha = new string('0', 40), user = UserJson(pull.Owner), repo = RepositoryJson(pull.Owner, pull.Repository, true) },
        @base = new { label = $"{pull.Owner}:{pull.Base}", @ref = pull.Base, sha = new string('0', 40), user = UserJson(pull.Owner), repo = RepositoryJson(pull.Owner, pull.Repository, true) },
        labels = pull.Labels.Select(LabelJson).ToList(),
        created_at = "2026-01-01T00:00:00Z",
        updated_at = "2026-01-01T00:00:00Z",
        merged = pull.MergedWith is not null,
        merged_at = pull.MergedWith is null ? null : "2026-01-01T00:10:00Z",
        merge_commit_sha = pull.MergeCommitSha,
        closed_at = pull.State == "closed" ? "2026-01-01T00:10:00Z" : null,
        mergeable_state = pull.InMergeQueue ? "blocked" : RequiresChecks ? "blocked" : "clean",
        draft = false,
    };

    static object UserJson(string login) => new { login, id = Math.Abs(login.GetHashCode()), type = "User" };

    static object LabelJson(string name) => new { id = Math.Abs(name.GetHashCode()), name, color = "ededed", @default = false };

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        if (signingDirectory is not null)
            Directory.Delete(signingDirectory, recursive: true);
        signingKeyGate.Dispose();
    }
}
