using System.Text.Json.Serialization;
using Pipelines.Containers.Building;

namespace Pipelines.Components;

/// <summary>An image DockerBuild produced, before it is pushed anywhere.</summary>
/// <param name="LocalReference">The reference in the builder (local engine tag, or the registry reference for daemonless builds).</param>
/// <param name="Tag">The tag given to the image.</param>
/// <param name="Digest">Image ID or manifest digest, <c>sha256:…</c>, as the builder reports it.</param>
/// <param name="SourceCommit">The full SHA of the commit it was built from.</param>
/// <param name="Builder">Which builder made it.</param>
/// <param name="PushedBy">For daemonless builds that publish straight to a registry, the pushed repository; otherwise null.</param>
public sealed record BuiltImage(string LocalReference, string Tag, string Digest, string SourceCommit,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ImageBuilderKind>))] ImageBuilderKind Builder, string? PushedBy = null)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "image";

    /// <summary>The build result the push targets take.</summary>
    public ImageBuildResult ToBuildResult() => new(LocalReference, Tag, Digest, SourceCommit, Builder, PublishedTo: PushedBy);
}
