
namespace Pipelines.Components;

/// <summary>The image every CD target acts on: given as parameters, or taken from an earlier target's typed output.</summary>
public interface IImageParameters : IPipelineBuild
{
    /// <summary>Registry host and repository path.</summary>
    [Parameter("Image repository (registry host and path), e.g. 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app")]
    string? ImageRepository => TryGetValue(() => ImageRepository);

    /// <summary>Immutable image tag.</summary>
    [Parameter("Image tag; defaults to the commit's short SHA. 'latest' is refused")]
    string? ImageTag => TryGetValue(() => ImageTag);

    /// <summary>Manifest digest.</summary>
    [Parameter("Image digest (sha256:...), when known")]
    string? ImageDigest => TryGetValue(() => ImageDigest);

    /// <summary>How long a registry may take to answer.</summary>
    [Parameter("How long a registry, the ECR API or STS may take to answer one request before it counts as not answering, e.g. 30s (connecting: 10 s)")]
    TimeSpan RegistryTimeout => TryGetValue(() => RegistryTimeout) ?? Containers.NetworkBounds.Default.Answer;

    /// <summary>The bounds these parameters give network calls to registries.</summary>
    Containers.NetworkBounds RegistryBounds => Containers.NetworkBounds.Default with { Answer = RegistryTimeout };

    /// <summary>
    /// The image to act on: the parameters when given, else the pushed image an earlier target or CI job recorded.
    /// Returns null when neither is available.
    /// </summary>
    PushedImage? ResolvePushedImage()
    {
        if (!string.IsNullOrEmpty(ImageRepository) && !string.IsNullOrEmpty(ImageTag))
            return new PushedImage(ImageRepository, ImageTag, ImageDigest ?? "");
        return Outputs.Get<PushedImage>(PushedImage.OutputName);
    }
}
