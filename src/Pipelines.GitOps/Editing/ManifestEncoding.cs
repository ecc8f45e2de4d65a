using System.Text;

namespace Pipelines.GitOps;

/// <summary>
/// How a manifest's bytes encode its text, told as YAML 1.2 (§5.2) tells it: by the byte order mark, else by where the
/// first bytes are zero, else UTF-8. A file is written back in the encoding it was read in, with the same mark, so an
/// edit never changes a byte outside the spliced scalars.
/// </summary>
sealed class ManifestEncoding
{
    public static readonly ManifestEncoding Utf8 = new("UTF-8", 0, throwOnInvalid => new UTF8Encoding(false, throwOnInvalid));
    static readonly ManifestEncoding Utf8Bom = new("UTF-8", 3, throwOnInvalid => new UTF8Encoding(false, throwOnInvalid));
    static readonly ManifestEncoding Utf16Le = new("UTF-16", 0, throwOnInvalid => new UnicodeEncoding(false, false, throwOnInvalid));
    static readonly ManifestEncoding Utf16LeBom = new("UTF-16", 2, throwOnInvalid => new UnicodeEncoding(false, false, throwOnInvalid));
    static readonly ManifestEncoding Utf16Be = new("UTF-16", 0, throwOnInvalid => new UnicodeEncoding(true, false, throwOnInvalid));
    static readonly ManifestEncoding Utf16BeBom = new("UTF-16", 2, throwOnInvalid => new UnicodeEncoding(true, false, throwOnInvalid));
    static readonly ManifestEncoding Utf32Le = new("UTF-32", 0, throwOnInvalid => new UTF32Encoding(false, false, throwOnInvalid));
    static readonly ManifestEncoding Utf32LeBom = new("UTF-32", 4, throwOnInvalid => new UTF32Encoding(false, false, throwOnInvalid));
    static readonly ManifestEncoding Utf32Be = new("UTF-32", 0, throwOnInvalid => new UTF32Encoding(true, false, throwOnInvalid));
    static readonly ManifestEncoding Utf32BeBom = new("UTF-32", 4, throwOnInvalid => new UTF32Encoding(true, false, throwOnInvalid));

    readonly Encoding strict;
    readonly Encoding lenient;

    ManifestEncoding(string name, int markLength, Func<bool, Encoding> create)
    {
        Name = name;
        MarkLength = markLength;
        strict = create(true);
        lenient = create(false);
    }

    /// <summary>UTF-8, UTF-16 or UTF-32, for messages.</summary>
    public string Name { get; }

    /// <summary>How many leading bytes are the byte order mark.</summary>
    public int MarkLength { get; }

    /// <summary>Whether the text after the mark is UTF-8, so the bytes can be searched before anything is decoded.</summary>
    public bool IsUtf8 => strict is UTF8Encoding;

    public static ManifestEncoding Detect(ReadOnlySpan<byte> bytes)
    {
        // Checked longest first: FF FE 00 00 is UTF-32's mark, not UTF-16's followed by a zero character.
        if (bytes.Length >= 4)
        {
            if (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
                return Utf32BeBom;
            if (bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
                return Utf32LeBom;
            if (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] != 0)
                return Utf32Be;
            if (bytes[0] != 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0)
                return Utf32Le;
        }
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return Utf8Bom;
        if (bytes.Length >= 2)
        {
            if (bytes[0] == 0xFE && bytes[1] == 0xFF)
                return Utf16BeBom;
            if (bytes[0] == 0xFF && bytes[1] == 0xFE)
                return Utf16LeBom;
            if (bytes[0] == 0 && bytes[1] != 0)
                return Utf16Be;
            if (bytes[0] != 0 && bytes[1] == 0)
                return Utf16Le;
        }
        return Utf8;
    }

    /// <summary>The text after the mark.</summary>
    /// <exception cref="ManifestParseException">The bytes are not valid in this encoding.</exception>
    public string Decode(string file, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return strict.GetString(bytes[MarkLength..]);
        }
        catch (DecoderFallbackException)
        {
            throw new ManifestParseException(file, 1, $"not {Name} text");
        }
    }

    /// <summary>The text after the mark with invalid bytes replaced, only to look for a mention before refusing.</summary>
    public string DecodeLeniently(ReadOnlySpan<byte> bytes) => lenient.GetString(bytes[MarkLength..]);

    /// <summary><paramref name="text"/> in this encoding, after the mark <paramref name="original"/> starts with.</summary>
    public byte[] Encode(string text, ReadOnlySpan<byte> original)
    {
        var bytes = new byte[MarkLength + strict.GetByteCount(text)];
        original[..MarkLength].CopyTo(bytes);
        strict.GetBytes(text, bytes.AsSpan(MarkLength));
        return bytes;
    }
}
