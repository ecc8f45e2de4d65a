using System.Text;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>What a key's bytes are: the armor lines that say which kind of key, and the body lines that are the secret.</summary>
static class SigningKeyText
{
    const string PgpPrivate = "-----BEGIN PGP PRIVATE KEY BLOCK-----";
    const string PgpPublic = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    const string OpenSshPrivate = "-----BEGIN OPENSSH PRIVATE KEY-----";

    /// <summary>The kind of key; a public key, or anything that is no private key, is refused in one line.</summary>
    public static SigningKeyFormat Detect(byte[] bytes, Input input)
    {
        if (IsArmored(bytes))
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (text.Contains(PgpPrivate, StringComparison.Ordinal))
                return SigningKeyFormat.OpenPgp;
            if (text.Contains(OpenSshPrivate, StringComparison.Ordinal) || PemPrivateKey(text))
                return SigningKeyFormat.Ssh;
            if (text.Contains(PgpPublic, StringComparison.Ordinal) || text.Contains("PUBLIC KEY-----", StringComparison.Ordinal) ||
                text.TrimStart().StartsWith("ssh-", StringComparison.Ordinal) || text.TrimStart().StartsWith("ecdsa-sha2-", StringComparison.Ordinal) ||
                text.TrimStart().StartsWith("sk-", StringComparison.Ordinal))
                throw new InvalidInputException(input, $"is a public key, which cannot sign", $"give the private key (the file without .pub, or the exported secret key)");
        }
        else if (bytes.Length > 0 && IsOpenPgpSecretKeyPacket(bytes[0]))
        {
            return SigningKeyFormat.OpenPgp;
        }
        throw new InvalidInputException(input, $"is neither an SSH private key nor an OpenPGP secret key",
            $"give an OpenSSH or PEM private key, or an OpenPGP secret key (gpg's `--export-secret-keys`, armored or not)");
    }

    /// <summary>Whether the key is text with armor lines (rather than binary OpenPGP packets).</summary>
    public static bool IsArmored(byte[] bytes) => Encoding.UTF8.GetString(bytes).Contains("-----BEGIN ", StringComparison.Ordinal) ||
                                                  (bytes.Length > 0 && bytes.All(b => b is >= 0x20 and < 0x7f or (byte)'\n' or (byte)'\r' or (byte)'\t'));

    /// <summary>The text as the tools read it: LF line ends, no blank edges, one final newline. A key pasted into a single-line
    /// secret with its line breaks written as <c>\n</c> gets them back.</summary>
    public static byte[] Normalize(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!text.Trim().Contains('\n') && text.Contains("\\n", StringComparison.Ordinal))
            text = text.Replace("\\n", "\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Trim() + "\n");
    }

    /// <summary>The lines of an armored key that carry key material (not the armor lines, headers or blank lines).</summary>
    public static IEnumerable<string> BodyLines(byte[] bytes)
    {
        if (!IsArmored(bytes))
            yield break;
        foreach (var raw in Encoding.UTF8.GetString(Normalize(bytes)).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length >= 8 && !line.StartsWith("-----", StringComparison.Ordinal) && !line.Contains(": ", StringComparison.Ordinal))
                yield return line;
        }
    }

    static bool PemPrivateKey(string text) =>
        text.Contains("-----BEGIN ", StringComparison.Ordinal) && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal) &&
        !text.Contains("PGP ", StringComparison.Ordinal);

    /// <summary>An OpenPGP packet header whose tag is a secret key (5): old format <c>10 0101 xx</c>, new format <c>0xC5</c>.</summary>
    static bool IsOpenPgpSecretKeyPacket(byte header) => (header & 0xFC) == 0x94 || header == 0xC5;
}
