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

    /// <summary>GraphQL's global id.</summary>
    public string NodeId => $"PR_kwDO{Number:D6}";
}
