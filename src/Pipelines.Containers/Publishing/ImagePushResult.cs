namespace Pipelines.Containers.Publishing;

/// <summary>What a push did.</summary>
/// <param name="Repository">Registry host and path.</param>
/// <param name="Tag">The tag.</param>
/// <param name="Digest">The manifest digest read back from the registry.</param>
/// <param name="Skipped">True when the tag already held this image, so nothing was pushed.</param>
/// <param name="TaggedLatest">True when <c>latest</c> was pointed at the image.</param>
public sealed record ImagePushResult(string Repository, string Tag, string Digest, bool Skipped, bool TaggedLatest)
{
    /// <summary><c>repository:tag@digest</c>.</summary>
    public string Reference => $"{Repository}:{Tag}@{Digest}";
}
