namespace Pipelines.Containers.Ecr;

/// <summary>A manifest from BatchGetImage, or to give to PutImage. The manifest text is kept exactly, so its digest is unchanged.</summary>
/// <param name="Digest">The manifest digest.</param>
/// <param name="MediaType">The manifest media type.</param>
/// <param name="Manifest">The manifest JSON text, byte for byte as stored.</param>
public sealed record EcrImageManifest(string Digest, string MediaType, string Manifest);
