namespace Pipelines.Kubernetes;

/// <summary>The image a rollout must end up running: repository plus tag, digest or both.</summary>
/// <param name="Repository">Registry host and path, e.g. <c>1234.dkr.ecr.cn-north-1.amazonaws.com.cn/app</c>.</param>
/// <param name="Tag">Tag, when the config repo pins by tag.</param>
/// <param name="Digest">Digest (<c>sha256:…</c>), when the config repo pins by digest.</param>
public sealed record ExpectedImage(string Repository, string? Tag = null, string? Digest = null)
{
    /// <summary>True when <paramref name="image"/> (as written in a pod spec) is this image: same repository and the same
    /// digest, or the same tag (and no conflicting digest).</summary>
    public bool IsReferencedBy(string image)
    {
        var (repository, tag, digest) = Split(image);
        if (!SameRepository(repository, Repository)) return false;
        if (string.IsNullOrEmpty(Tag) && string.IsNullOrEmpty(Digest)) return true; // any image of the repository (e.g. after a rollback)
        if (!string.IsNullOrEmpty(Digest) && digest is not null)
            return string.Equals(digest, Digest, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(Tag) && tag is not null)
            return tag == Tag && (digest is null || string.IsNullOrEmpty(Digest) || string.Equals(digest, Digest, StringComparison.OrdinalIgnoreCase));
        return false;
    }

    /// <summary>Parses <c>repository[:tag][@digest]</c>; a bare tag (no <c>/</c>, <c>:</c> or <c>@</c>) is taken as a tag of <paramref name="repository"/>.</summary>
    public static ExpectedImage Parse(string reference, string repository)
    {
        if (!reference.Contains('/') && !reference.Contains(':') && !reference.Contains('@'))
            return new ExpectedImage(repository, reference);
        var (repo, tag, digest) = Split(reference);
        return new ExpectedImage(repo, tag, digest);
    }

    /// <summary>True when <paramref name="image"/> is from this repository, whatever its tag.</summary>
    public bool SharesRepository(string image) => SameRepository(Split(image).Repository, Repository);

    /// <summary><c>repository:tag@digest</c> with the parts that are known.</summary>
    public override string ToString() =>
        Repository + (string.IsNullOrEmpty(Tag) ? "" : ":" + Tag) + (string.IsNullOrEmpty(Digest) ? "" : "@" + Digest);

    private static (string Repository, string? Tag, string? Digest) Split(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0) (image, digest) = (image[..at], image[(at + 1)..]);
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..], digest) : (image, null, digest);
    }

    // "nginx", "library/nginx" and "docker.io/library/nginx" are one repository, as for the container runtime.
    private static bool SameRepository(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string repository)
    {
        var first = repository.Split('/')[0];
        var hasHost = repository.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost");
        if (!hasHost) repository = "docker.io/" + (repository.Contains('/') ? repository : "library/" + repository);
        if (repository.StartsWith("index.docker.io/", StringComparison.Ordinal)) repository = "docker.io/" + repository["index.docker.io/".Length..];
        return repository;
    }
}
