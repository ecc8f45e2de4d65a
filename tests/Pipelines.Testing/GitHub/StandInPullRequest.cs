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
}
