namespace Pipelines.GitOps;

/// <summary>
/// Reads manifests into one buffer that one worker reuses: one open and one read per file, and the bytes are searched
/// for the image before anything is decoded, so the files that do not mention it (nearly all of them) cost no
/// allocation. The bounds on size and the encoding are checked on the same bytes.
/// </summary>
sealed class ManifestReader
{
    // A file over the bound is searched in chunks this large, each overlapping the last by more than any needle.
    const int Chunk = 1 << 20;
    const int Overlap = 4096;

    byte[] buffer = new byte[64 * 1024];
    int length;

    /// <summary>The bytes of the file read last.</summary>
    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    /// <summary>The text of <paramref name="path"/> (found under <paramref name="root"/>) when it mentions what
    /// <paramref name="update"/> looks for, else null; opened relative to <paramref name="folder"/>, its folder, when
    /// that was opened (the default opens it by its path).</summary>
    /// <exception cref="ManifestLimitException">A file over <see cref="ManifestLimits.MaxFileBytes"/> mentions it.</exception>
    /// <exception cref="ManifestParseException">A file that mentions it is not valid text in its encoding.</exception>
    public string? ReadIfMentioned(string root, in NoFollowFolder folder, string path, ImageUpdate update, out ManifestEncoding encoding)
    {
        using var handle = folder.OpenRead(path);
        var size = handle.Length();
        if (size > ManifestLimits.MaxFileBytes)
        {
            encoding = ManifestEncoding.Utf8;
            length = 0;
            if (MentionsInChunks(handle, size, update, out var utf8))
                throw new ManifestLimitException(ClonePath.Under(root, path), null,
                    $"is {size / 1048576.0:F1} MiB, more than the {ManifestLimits.MaxFileBytes / 1048576} MiB a manifest may be" +
                    (utf8 ? "" : " (and it is not UTF-8, so it cannot be searched for the image)"));
            return null;
        }
        Read(handle, (int)size);
        var bytes = Bytes;
        encoding = ManifestEncoding.Detect(bytes);
        var mentioned = encoding.IsUtf8
            ? update.IsMentionedIn(bytes[encoding.MarkLength..])
            : update.IsMentionedIn(encoding.DecodeLeniently(bytes));
        return mentioned ? encoding.Decode(ClonePath.Under(root, path), bytes) : null;
    }

    void Read(NoFollowHandle handle, int size)
    {
        if (buffer.Length < size)
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        length = 0;
        while (length < size)
        {
            var read = handle.Read(buffer.AsSpan(length, size - length), length);
            if (read == 0)
                break;
            length += read;
        }
    }

    bool MentionsInChunks(NoFollowHandle handle, long size, ImageUpdate update, out bool utf8)
    {
        if (buffer.Length < Chunk + Overlap)
            buffer = new byte[Chunk + Overlap];
        utf8 = true;
        var carried = 0;
        for (long offset = 0; offset < size;)
        {
            var read = handle.Read(buffer.AsSpan(carried, Chunk), offset);
            if (read == 0)
                break;
            var window = buffer.AsSpan(0, carried + read);
            if (offset == 0 && !ManifestEncoding.Detect(window).IsUtf8)
            {
                utf8 = false;
                return true;
            }
            if (update.IsMentionedIn(window))
                return true;
            carried = Math.Min(Overlap, window.Length);
            window[^carried..].CopyTo(buffer);
            offset += read;
        }
        return false;
    }
}
