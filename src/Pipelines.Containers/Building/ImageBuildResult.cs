namespace Pipelines.Containers.Building;

/// <summary>An image a builder produced.</summary>
/// <param name="Reference">The reference in the builder: <c>name:tag</c> in the engine, or the registry reference for a daemonless publish.</param>
/// <param name="Tag">The tag.</param>
/// <param name="Digest">The image ID (config digest, docker and dotnet archive) or manifest digest (dotnet publish to a registry).</param>
/// <param name="SourceCommit">The full SHA of the commit built.</param>
/// <param name="Builder">The builder used.</param>
/// <param name="PublishedTo">For daemonless publishes to a registry, the registry host; otherwise null.</param>
/// <param name="ArchivePath">For daemonless builds to an archive, the archive; otherwise null.</param>
public sealed record ImageBuildResult(string Reference, string Tag, string Digest, string SourceCommit, ImageBuilderKind Builder, string? PublishedTo = null, string? ArchivePath = null);
