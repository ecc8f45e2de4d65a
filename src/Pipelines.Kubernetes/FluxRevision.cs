namespace Pipelines.Kubernetes;

/// <summary>Flux revision strings: <c>main@sha1:&lt;sha&gt;</c> (Flux 2.1+), the older <c>main/&lt;sha&gt;</c>, or a bare SHA.</summary>
public static class FluxRevision
{
    /// <summary>True when <paramref name="revision"/> ends in <paramref name="commit"/> (a full SHA, or an abbreviation of 7+ characters).</summary>
    public static bool EndsInCommit(string? revision, string commit)
    {
        if (string.IsNullOrEmpty(revision) || string.IsNullOrEmpty(commit)) return false;
        var cut = Math.Max(revision.LastIndexOf(':'), revision.LastIndexOf('/'));
        var sha = revision[(cut + 1)..];
        return string.Equals(sha, commit, StringComparison.OrdinalIgnoreCase)
            || (commit.Length >= 7 && sha.StartsWith(commit, StringComparison.OrdinalIgnoreCase));
    }
}
