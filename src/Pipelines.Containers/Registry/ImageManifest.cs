using System.Security.Cryptography;
using System.Text.Json;

namespace Pipelines.Containers.Registry;

/// <summary>A manifest exactly as the registry stored it. The bytes are kept verbatim, so re-putting it keeps the digest.</summary>
/// <param name="Bytes">The manifest bytes.</param>
/// <param name="MediaType">The manifest media type.</param>
public sealed record ImageManifest(byte[] Bytes, string MediaType)
{
    /// <summary>The digest of <see cref="Bytes"/>: <c>sha256:…</c>.</summary>
    public string Digest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>The config blob digest (the image ID, for single-platform images); null for manifest lists and indexes.</summary>
    public string? ConfigDigest
    {
        get
        {
            using var doc = JsonDocument.Parse(Bytes);
            return doc.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
        }
    }
}
