namespace Pipelines.GitOps;

/// <summary>What an edit writes and how it finds the fields to change.</summary>
/// <param name="Image">The new image reference.</param>
/// <param name="ImagePolicy">
/// A Flux image policy <c>namespace:name</c>. When set, only fields carrying a matching
/// <c># {"$imagepolicy": "namespace:name[:tag|:name|:digest]"}</c> marker change, exactly as Flux's
/// image-automation controller would set them; when null, every reference to the image's repository changes.
/// </param>
public sealed record ImageUpdate(ImageTarget Image, string? ImagePolicy = null)
{
    /// <summary>Whether a file's text mentions what this update looks for; files that do not are never parsed.</summary>
    public bool IsMentionedIn(string text) => IsMentionedIn(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Whether UTF-8 <paramref name="bytes"/> mention what this update looks for (checked before decoding, to keep scans fast).</summary>
    public bool IsMentionedIn(ReadOnlySpan<byte> bytes)
    {
        var needles = Needles;
        if (bytes.IndexOf(needles[0]) >= 0)
            return true;
        // Helm values may split the repository into image.registry and image.repository. Each part is then a whole
        // scalar of its own, so only standalone occurrences count: "registry.example.com/team/svc" must not make every
        // file that names a sibling repository look like a candidate (that parsed the whole tree in the benchmark).
        for (var i = 1; i + 1 < needles.Length; i += 2)
        {
            // The longer part first: it is the rarer one ("team/app" before "app"), so most files are ruled out at once.
            var (longer, shorter) = needles[i].Length >= needles[i + 1].Length ? (needles[i], needles[i + 1]) : (needles[i + 1], needles[i]);
            if (ContainsScalar(bytes, longer) && ContainsScalar(bytes, shorter))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="value"/> occurs as a complete scalar: bounded by quotes, whitespace, flow
    /// punctuation, a mapping colon or a comment on both sides.</summary>
    static bool ContainsScalar(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> value)
    {
        for (var offset = 0; ;)
        {
            var found = bytes[offset..].IndexOf(value);
            if (found < 0)
                return false;
            var start = offset + found;
            var end = start + value.Length;
            if ((start == 0 || IsBoundary(bytes[start - 1])) && (end == bytes.Length || IsBoundary(bytes[end])))
                return true;
            offset = start + 1;
        }
    }

    static bool IsBoundary(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'"' or (byte)'\''
        or (byte)',' or (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)'#';

    // [whole] or [whole, left1, right1, left2, right2, ...] for each '/' the repository could be split at.
    byte[][] Needles => field ??= BuildNeedles();

    byte[][] BuildNeedles()
    {
        var utf8 = System.Text.Encoding.UTF8;
        if (ImagePolicy is not null)
            return [utf8.GetBytes(ImagePolicy)];
        var repository = Image.Repository;
        var needles = new List<byte[]> { utf8.GetBytes(repository) };
        for (var slash = repository.IndexOf('/'); slash > 0; slash = repository.IndexOf('/', slash + 1))
        {
            needles.Add(utf8.GetBytes(repository[..slash]));
            needles.Add(utf8.GetBytes(repository[(slash + 1)..]));
        }
        return [.. needles];
    }
}
