namespace Pipelines.Testing.GitHub;

/// <summary>A pull request as the GitHub stand-in stores it.</summary>
public sealed class StandInPullRequest
{
    public required int Number { get; init; }
    public required string Owner { get; init; }
    public required string Repository { get; init; }
    public required string Head { get; init; }
    public required string Base { get; init; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public string State { get; set; } = "open";
    public List<string> Labels { get; } = [];
    public int Updates { get; set; }

    /// <summary>The merge method auto-merge was turned on with (GraphQL's MERGE, SQUASH or REBASE); null when off.</summary>
    public string? AutoMergeMethod { get; set; }

    /// <summary>The merge method it was merged with through the REST merge endpoint; null while unmerged.</summary>
    public string? MergedWith { get; set; }

    /// <summary>How many times its state was read (<c>GET /pulls/{number}</c>).</summary>
    public int Polls { get; set; }

    /// <summary>Merged (for real, in the repository served with <see cref="GitHubStandIn.AddGitRepository"/>) at this poll, as
    /// when reviews and checks pass and auto-merge or the merge queue merges it; null: never by itself.</summary>
    public int? MergeAfterPolls { get; set; }

    /// <summary>Closed without a merge at this poll; null: never.</summary>
    public int? CloseAfterPolls { get; set; }

    /// <summary>Put in the merge queue at this poll, where it stays (awaiting checks) until it is merged; null: never queued.</summary>
    public int? QueueAfterPolls { get; set; }

    /// <summary>The commit its merge made on the base branch; null while unmerged.</summary>
    public string? MergeCommitSha { get; set; }

    /// <summary>Whether it waits in the merge queue.</summary>
    public bool InMergeQueue { get; set; }

    /// <summary>GraphQL's global id.</summary>
    public string NodeId => $"PR_kwDO{Number:D6}";
}
