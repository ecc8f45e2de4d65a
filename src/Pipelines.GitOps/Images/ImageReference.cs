namespace Pipelines.GitOps;

/// <summary>An image reference split into repository, tag and digest, e.g. <c>registry/app:1a2b3c4@sha256:…</c>.</summary>
/// <param name="Repository">Registry host (optional) and path, e.g. <c>123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app</c>.</param>
/// <param name="Tag">The tag, or null when the reference has none.</param>
/// <param name="Digest">The manifest digest <c>sha256:…</c>, or null when the reference has none.</param>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>The last path segment of the repository, e.g. <c>gitops-app-demo</c>.</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    /// <summary>Splits <paramref name="text"/> into repository, tag and digest without validating the parts.</summary>
    public static ImageReference Parse(string text)
    {
        string? digest = null;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }
        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
            return new ImageReference(text[..colon], text[(colon + 1)..], digest);
        return new ImageReference(text, null, digest);
    }

    /// <summary>The same repository with another tag and digest.</summary>
    public ImageReference With(string? tag, string? digest) => this with { Tag = tag, Digest = digest };

    /// <summary><c>repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
