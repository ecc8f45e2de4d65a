using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>An OpenPGP key: imported into a private keyring, and git's gpg calls go through a wrapper that hands gpg the
/// passphrase on a file descriptor.</summary>
public sealed partial class CommitSigner
{
    async Task OpenPgpAsync(string keyFile, CancellationToken ct)
    {
        var home = System.IO.Path.Combine(Directory, "g");
        CreatePrivateDirectory(home);
        // gpg reads these for every call, git's included: no terminal, and the passphrase from descriptor 3, which the wrapper
        // fills from the environment.
        await WritePrivateAsync(System.IO.Path.Combine(home, "gpg.conf"), "batch\nno-tty\npinentry-mode loopback\npassphrase-fd 3\n", executable: false, ct).ConfigureAwait(false);
        await WritePrivateAsync(System.IO.Path.Combine(home, "gpg-agent.conf"), "allow-loopback-pinentry\n", executable: false, ct).ConfigureAwait(false);
        var wrapper = System.IO.Path.Combine(Directory, "gpg");
        await WritePrivateAsync(wrapper,
            $"#!/bin/sh\nexec 4<&0\nprintf '%s\\n' \"${{{PassphraseVariable}-}}\" | gpg \"$@\" 3<&0 0<&4 4<&-\n", executable: true, ct).ConfigureAwait(false);
        environment["GNUPGHOME"] = home;

        var imported = await RunToolAsync(wrapper, ["--import", keyFile], ct).ConfigureAwait(false);
        if (!imported.Succeeded)
            throw new CommitSigningException(FailureKind.BadInput, key.Input, $"cannot be imported by gpg ({Reason(imported)})",
                $"give an OpenPGP secret key as gpg's `--export-secret-keys` writes it");
        var listed = await RunToolAsync(wrapper, ["--with-colons", "--list-secret-keys"], ct).ConfigureAwait(false);
        Fingerprint = SigningFingerprint(listed.StandardOutput)
            ?? throw new CommitSigningException(FailureKind.BadInput, key.Input, $"holds no secret key that can sign (expired, revoked, or without a signing key)",
                $"give a secret key whose primary key or a subkey may sign");

        var signed = await RunToolAsync(wrapper, ["--status-fd=2", "-bsau", Fingerprint], ct, CheckText).ConfigureAwait(false);
        if (!signed.Succeeded)
        {
            var reason = Reason(signed);
            if (reason.Contains("Bad passphrase", StringComparison.Ordinal))
                throw new CommitSigningException(FailureKind.BadInput, GitOpsInputs.SigningKeyPassphrase, $"does not unlock the {key.Input} ({reason})",
                    $"give the passphrase the key was protected with");
            if (reason.Contains("No passphrase given", StringComparison.Ordinal) || reason.Contains("No pinentry", StringComparison.Ordinal))
                throw new CommitSigningException(FailureKind.BadInput, key.Input, $"is protected by a passphrase and none was given", $"give the {GitOpsInputs.SigningKeyPassphrase}");
            throw new CommitSigningException(FailureKind.Failure, key.Input, $"cannot sign ({reason})", $"give a secret key that signs on its own, not a stub of a key on a card");
        }

        config.Add(("gpg.format", "openpgp"));
        config.Add(("gpg.openpgp.program", wrapper));
        config.Add(("user.signingKey", Fingerprint));
    }

    /// <summary>The fingerprint of the first secret key that may sign, from <c>gpg --with-colons --list-secret-keys</c>.</summary>
    static string? SigningFingerprint(string colons)
    {
        var expectFingerprint = false;
        foreach (var line in colons.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields[0] == "sec")
            {
                // Validity e, r, i, d: expired, revoked, invalid, disabled. An upper-case S: the key as a whole can sign.
                expectFingerprint = fields.Length > 11 && fields[1] is not ("e" or "r" or "i" or "d") && fields[11].Contains('S');
            }
            else if (fields[0] == "fpr" && expectFingerprint && fields.Length > 9)
            {
                return fields[9];
            }
            else if (fields[0] == "ssb")
            {
                // The fingerprint that follows is a subkey's; gpg picks the signing subkey from the primary's.
                expectFingerprint = false;
            }
        }
        return null;
    }
}
