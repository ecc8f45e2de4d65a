namespace Pipelines.GitOps;

/// <summary>A commit read from the log, with its trailers (<c>Key: value</c> lines of the last paragraph).</summary>
/// <param name="Sha">Full commit id.</param>
/// <param name="Subject">First line of the message.</param>
/// <param name="Trailers">Trailer keys to values (last one wins).</param>
public sealed record GitCommit(string Sha, string Subject, IReadOnlyDictionary<string, string> Trailers)
{
    /// <summary>The trailer's value, or null.</summary>
    public string? Trailer(string key) => Trailers.TryGetValue(key, out var value) ? value : null;
}
