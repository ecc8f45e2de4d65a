namespace Pipelines.Containers.Registry;

/// <summary>What a HEAD on a manifest tells: its digest, media type and size.</summary>
/// <param name="Digest">The manifest digest, <c>sha256:…</c>.</param>
/// <param name="MediaType">The manifest media type.</param>
/// <param name="Size">The manifest size in bytes.</param>
public sealed record ManifestDescriptor(string Digest, string MediaType, long Size);
