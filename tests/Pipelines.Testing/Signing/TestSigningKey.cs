namespace Pipelines.Testing.Signing;

/// <summary>A real key made for a test, with what a verifier needs.</summary>
/// <param name="Kind"><c>ssh</c> or <c>openpgp</c>.</param>
/// <param name="PrivateKey">The private key as text (armored for OpenPGP).</param>
/// <param name="PrivateKeyFile">A file holding the private key (binary packets for <see cref="TestSigningKeys.OpenPgpBinary"/>).</param>
/// <param name="PublicKey">The public key: an authorized-keys line, or an armored OpenPGP public key.</param>
/// <param name="Passphrase">The passphrase protecting the key; null when it has none.</param>
/// <param name="Fingerprint">The fingerprint the tools print: <c>SHA256:…</c> for SSH, 40 hex digits for OpenPGP.</param>
/// <param name="Verifier">For SSH an allowed-signers file trusting this key alone; for OpenPGP a keyring (GNUPGHOME) holding
/// its public key alone.</param>
public sealed record TestSigningKey(string Kind, string PrivateKey, string PrivateKeyFile, string PublicKey, string? Passphrase, string Fingerprint, string Verifier)
{
    /// <summary>The lines of the private key that are key material, which must never show up anywhere.</summary>
    public IEnumerable<string> SecretLines => PrivateKey.Split('\n').Select(l => l.Trim())
        .Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal) && !l.Contains(": ", StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() => $"{Kind} key{(Passphrase is null ? "" : " with a passphrase")}";
}
