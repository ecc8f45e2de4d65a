namespace Pipelines.Components;

/// <summary>An image that is in a registry: what PushEcr/PushImage yield and what BumpConfigRepo and WaitRollout consume.</summary>
/// <param name="Repository">Registry host and repository path, e.g. <c>123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app</c>.</param>
/// <param name="Tag">The immutable tag, e.g. the commit's short SHA.</param>
/// <param name="Digest">The manifest digest, <c>sha256:…</c>.</param>
/// <param name="SourceCommit">The app commit the image was built from, when known.</param>
public sealed record PushedImage(string Repository, string Tag, string Digest, string? SourceCommit = null)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "pushed-image";

    /// <summary><c>repository:tag@digest</c>.</summary>
    public override string ToString() => $"{Repository}:{Tag}@{Digest}";
}
