using System.Text;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// The private key config-repo commits are signed with, as it was given: its text (a secret parameter or CI secret) or the
/// path of a file holding it, and its passphrase when it has one. Which kind of key it is (SSH or OpenPGP) is read from the
/// key itself. Nothing here is written anywhere: <see cref="CommitSigner"/> puts the key where git can use it, privately and
/// only for as long as a change takes.
/// </summary>
public sealed class CommitSigningKey
{
    /// <summary>No key is larger than this; a bigger file is something else.</summary>
    const int MaximumBytes = 1 << 20;

    CommitSigningKey(string? text, string? file, string? passphrase)
    {
        Text = text;
        File = file;
        Passphrase = string.IsNullOrEmpty(passphrase) ? null : passphrase;
    }

    /// <summary>The key's text when it was given as text.</summary>
    public string? Text { get; }

    /// <summary>The key file's path when it was given as a file.</summary>
    public string? File { get; }

    /// <summary>The key's passphrase; null when it has none.</summary>
    public string? Passphrase { get; }

    /// <summary>The input the key came from, for failures about it.</summary>
    public Input Input => Text is null ? GitOpsInputs.SigningKeyFile : GitOpsInputs.SigningKey;

    /// <summary>The key these values describe; null when neither a key nor a key file is given (commits are then not signed).</summary>
    /// <param name="key">The key's text (armored OpenPGP, or an SSH private key); null or empty for none.</param>
    /// <param name="keyFile">The path of a file holding the key; null or empty for none.</param>
    /// <param name="passphrase">The key's passphrase; null or empty when it has none.</param>
    /// <exception cref="InvalidInputException">Both a key and a key file, or a passphrase without a key.</exception>
    public static CommitSigningKey? From(string? key, string? keyFile, string? passphrase = null)
    {
        var hasKey = !string.IsNullOrWhiteSpace(key);
        var hasFile = !string.IsNullOrWhiteSpace(keyFile);
        if (hasKey && hasFile)
            throw new InvalidInputException(GitOpsInputs.SigningKey, $"and the {GitOpsInputs.SigningKeyFile} are both given",
                $"give the key one way: as text or as a file");
        if (!hasKey && !hasFile)
        {
            if (!string.IsNullOrEmpty(passphrase))
                throw new InvalidInputException(GitOpsInputs.SigningKeyPassphrase, $"is given without a key",
                    $"give the {GitOpsInputs.SigningKey} or the {GitOpsInputs.SigningKeyFile} it unlocks");
            return null;
        }
        return new CommitSigningKey(hasKey ? key : null, hasFile ? keyFile : null, passphrase);
    }

    /// <summary>The key's bytes as a signer writes them, and its kind.</summary>
    /// <exception cref="InvalidInputException">The file is missing or too large, or the content is no private key.</exception>
    internal async Task<(SigningKeyFormat Format, byte[] Bytes)> ReadAsync(CancellationToken ct)
    {
        byte[] bytes;
        if (Text is not null)
        {
            bytes = Encoding.UTF8.GetBytes(Text);
        }
        else
        {
            var info = new FileInfo(File!);
            if (!info.Exists)
                throw new InvalidInputException(GitOpsInputs.SigningKeyFile, $"'{File}' does not exist", $"give the path of the private key file");
            if (info.Length > MaximumBytes)
                throw new InvalidInputException(GitOpsInputs.SigningKeyFile, $"'{File}' is {info.Length} bytes, too large for a key",
                    $"give the path of the private key file");
            bytes = await System.IO.File.ReadAllBytesAsync(File!, ct).ConfigureAwait(false);
        }
        var format = SigningKeyText.Detect(bytes, Input);
        return (format, SigningKeyText.IsArmored(bytes) ? SigningKeyText.Normalize(bytes) : bytes);
    }

    /// <summary>The parts of the key that must never be shown: the passphrase, the text, each line of its body.</summary>
    internal IEnumerable<string> SecretParts(byte[] bytes)
    {
        if (Passphrase is not null)
            yield return Passphrase;
        if (Text is not null)
            yield return Text;
        foreach (var line in SigningKeyText.BodyLines(bytes))
            yield return line;
        yield return Convert.ToBase64String(bytes);
    }

    /// <summary>Names the key without showing it.</summary>
    public override string ToString() => Text is null ? $"signing key file {File}" : "signing key (text)";
}
