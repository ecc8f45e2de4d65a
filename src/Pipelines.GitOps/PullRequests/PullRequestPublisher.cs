using Octokit;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// Opens a pull request through Octokit, or updates the open one for the same head branch, labels it and, when asked, turns
/// on auto-merge (GraphQL's <c>enablePullRequestAutoMerge</c>; a pull request with nothing pending is merged at once instead).
/// GitHub's 401 and 403 answers become a one-line <see cref="GitHubAccessException"/>.
/// </summary>
/// <param name="github">A client for github.com or a GitHub Enterprise base address.</param>
public sealed partial class PullRequestPublisher(IGitHubClient github)
{
    /// <summary>How long GitHub may take to accept a connection.</summary>
    public static readonly TimeSpan ConnectBound = TimeSpan.FromSeconds(10);

    /// <summary>How long GitHub may take to answer one request, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultAnswerBound = TimeSpan.FromSeconds(30);

    /// <summary>Creates a client for <paramref name="baseAddress"/> (null for github.com) authenticated with <paramref name="token"/>,
    /// bounded by <see cref="ConnectBound"/> and <paramref name="answerBound"/> (<see cref="DefaultAnswerBound"/> when null).</summary>
    public static PullRequestPublisher Create(string token, Uri? baseAddress = null, TimeSpan? answerBound = null)
    {
        var connection = new Connection(new ProductHeaderValue("Pipelines"), ApiAddress(baseAddress),
            new Octokit.Internal.InMemoryCredentialStore(new Credentials(token)),
            new Octokit.Internal.HttpClientAdapter(() => new BoundedAnswerHandler()),
            new Octokit.Internal.SimpleJsonSerializer());
        var client = new GitHubClient(connection);
        client.SetRequestTimeout(answerBound ?? DefaultAnswerBound);
        return new PullRequestPublisher(client);
    }

    /// <summary>The REST API under a GitHub address, as Octokit's own constructors place it: api.github.com for github.com,
    /// <c>/api/v3/</c> on GitHub Enterprise Server.</summary>
    static Uri ApiAddress(Uri? baseAddress) =>
        baseAddress is null || baseAddress.Host is "github.com" or "api.github.com"
            ? GitHubClient.GitHubApiUrl
            : new Uri(baseAddress, new Uri("/api/v3/", UriKind.Relative));

    /// <summary>
    /// Checks, before anything is pushed, that the token may open pull requests on <paramref name="owner"/>/<paramref name="repository"/>:
    /// GitHub knows it (not 401), it sees the repository (not 404) and may write to it.
    /// </summary>
    /// <exception cref="GitHubAccessException">The token is refused or lacks write access.</exception>
    public async Task CheckAccessAsync(string owner, string repository, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var found = await CallAsync(owner, repository, () => github.Repository.Get(owner, repository)).ConfigureAwait(false);
        if (found.Permissions is { Push: false })
            throw new GitHubAccessException(FailureKind.Failure, $"may not open pull requests on {owner}/{repository} (403: the token has read-only access)",
                $"grant the token 'contents: write' and 'pull-requests: write' on the config repo");
    }

    /// <summary>Opens or updates the pull request described by <paramref name="draft"/>.</summary>
    public async Task<PullRequestInfo> PublishAsync(PullRequestDraft draft, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return await CallAsync(draft.Owner, draft.Repository, async () =>
        {
            var open = await github.PullRequest.GetAllForRepository(draft.Owner, draft.Repository, new PullRequestRequest
            {
                State = ItemStateFilter.Open,
                Head = $"{draft.Owner}:{draft.Head}",
                Base = draft.Base,
            }).ConfigureAwait(false);
            var existing = open.FirstOrDefault(p => p.Head is null || p.Head.Ref == draft.Head);
            PullRequest pull;
            if (existing is not null)
                pull = await github.PullRequest.Update(draft.Owner, draft.Repository, existing.Number,
                    new PullRequestUpdate { Title = draft.Title, Body = draft.Body }).ConfigureAwait(false);
            else
                pull = await github.PullRequest.Create(draft.Owner, draft.Repository,
                    new NewPullRequest(draft.Title, draft.Head, draft.Base) { Body = draft.Body }).ConfigureAwait(false);
            if (draft.Labels.Count > 0)
                await github.Issue.Labels.AddToIssue(draft.Owner, draft.Repository, pull.Number, [.. draft.Labels]).ConfigureAwait(false);
            var (autoMerge, mergeCommit) = draft.AutoMerge is { } method ? await AutoMergeAsync(draft, pull, method).ConfigureAwait(false) : (null, null);
            return new PullRequestInfo(pull.Number, pull.HtmlUrl, existing is not null, autoMerge, mergeCommit);
        }).ConfigureAwait(false);
    }

    /// <summary>Runs one GitHub call; GitHub's refusals and an unreachable or silent GitHub become one-line <see cref="GitHubAccessException"/>s.</summary>
    static async Task<T> CallAsync<T>(string owner, string repository, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AuthorizationException ex)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"was refused by GitHub (401 Bad credentials)", $"pass a valid token for the config repo", ex);
        }
        catch (ForbiddenException ex)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"may not open pull requests on {owner}/{repository} (403 {ex.Message})",
                $"grant the token 'contents: write' and 'pull-requests: write' on the config repo", ex);
        }
        catch (NotFoundException ex)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"cannot see {owner}/{repository} (404)",
                $"check the {GitOpsInputs.GitHubRepository} and that the token has access to it", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"could not be used: GitHub answered with more than {BoundedAnswerHandler.MaxAnswerBytes / (1024 * 1024)} MiB, more than any answer here",
                $"check the GitHub address: it should be GitHub's API or a faithful proxy of it", ex);
        }
        catch (Exception ex) when (ex is System.Runtime.Serialization.SerializationException or InvalidCastException or FormatException)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"could not be used: GitHub answered with something that is not the JSON of its API",
                $"check the GitHub address: it should be GitHub's API or a faithful proxy of it", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } or TimeoutException)
        {
            throw new GitHubAccessException(FailureKind.Failure, $"could not be used: GitHub did not answer ({ex.Message.ReplaceLineEndings(" ")})",
                $"check the GitHub address and the network path to it", ex);
        }
    }

    /// <summary>GitHub's GraphQL endpoint, relative to the REST base: <c>api.github.com/graphql</c>, or <c>/api/graphql</c> on Enterprise.</summary>
    static readonly Uri GraphQl = new("../graphql", UriKind.Relative);

    const string EnableAutoMerge =
        "mutation($id: ID!, $method: PullRequestMergeMethod!) { enablePullRequestAutoMerge(input: {pullRequestId: $id, mergeMethod: $method}) { clientMutationId } }";

    /// <summary>
    /// Turns auto-merge on. GitHub refuses it for a pull request that is already mergeable ("clean status": no required
    /// review or check pending); that one is merged now, which is what auto-merge would do. Any other refusal (auto-merge
    /// not allowed in the repository's settings) is returned as text: the pull request stays open, nothing is lost.
    /// </summary>
    async Task<(string State, string? MergeCommit)> AutoMergeAsync(PullRequestDraft draft, PullRequest pull, AutoMergeMethod method)
    {
        var request = new { query = EnableAutoMerge, variables = new { id = pull.NodeId, method = method.ToString().ToUpperInvariant() } };
        var response = await github.Connection.Post<GraphQlResponse>(GraphQl, request, "application/json", "application/json").ConfigureAwait(false);
        var error = response.Body?.Errors?.FirstOrDefault()?.Message;
        if (error is null)
            return ("enabled", null);
        if (!error.Contains("clean status", StringComparison.OrdinalIgnoreCase))
            return ($"refused by GitHub ({error}); allow auto-merge in the repository's settings or merge #{pull.Number} by hand", null);
        var mergeMethod = method switch
        {
            AutoMergeMethod.Merge => PullRequestMergeMethod.Merge,
            AutoMergeMethod.Rebase => PullRequestMergeMethod.Rebase,
            _ => PullRequestMergeMethod.Squash,
        };
        var merged = await github.PullRequest.Merge(draft.Owner, draft.Repository, pull.Number, new MergePullRequest { MergeMethod = mergeMethod }).ConfigureAwait(false);
        return merged.Merged ? ("merged", merged.Sha) : ($"not merged ({merged.Message})", null);
    }

    /// <summary>The part of a GraphQL answer read here (Octokit's serializer fills it).</summary>
    internal sealed class GraphQlResponse
    {
        public List<GraphQlError>? Errors { get; set; }
    }

    /// <summary>One GraphQL error.</summary>
    internal sealed class GraphQlError
    {
        public string? Message { get; set; }
    }
}
