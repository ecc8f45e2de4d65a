using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>An SSH key: git signs with <c>ssh-keygen -Y sign</c> and verifies against an allowed-signers file that holds this
/// key alone.</summary>
public sealed partial class CommitSigner
{
    async Task OpenSshAsync(string keyFile, string principal, CancellationToken ct)
    {
        // ssh-keygen reads a passphrase from SSH_ASKPASS when told to (never from a terminal, which a CI agent lacks and a
        // laptop would answer by waiting): the helper prints it from the environment.
        var askpass = System.IO.Path.Combine(Directory, "askpass");
        await WritePrivateAsync(askpass, $"#!/bin/sh\nprintf '%s\\n' \"${PassphraseVariable}\"\n", executable: true, ct).ConfigureAwait(false);
        environment["SSH_ASKPASS"] = askpass;
        environment["SSH_ASKPASS_REQUIRE"] = "force";

        var publicKey = await RunToolAsync("ssh-keygen", ["-y", "-f", keyFile], ct).ConfigureAwait(false);
        if (!publicKey.Succeeded)
            throw Refusal(publicKey, "cannot be read by ssh-keygen");
        var line = publicKey.StandardOutput.Trim();
        var publicFile = System.IO.Path.Combine(Directory, "key.pub");
        await WritePrivateAsync(publicFile, line + "\n", executable: false, ct).ConfigureAwait(false);
        var fingerprint = await RunToolAsync("ssh-keygen", ["-l", "-E", "sha256", "-f", publicFile], ct).ConfigureAwait(false);
        Fingerprint = fingerprint.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var sha, ..] ? sha : "";

        var allowedSigners = System.IO.Path.Combine(Directory, "allowed_signers");
        await WritePrivateAsync(allowedSigners, $"{Principal(principal)} namespaces=\"git\" {line}\n", executable: false, ct).ConfigureAwait(false);

        // A key that loads may still not sign (a hardware-backed key without its device): sign once to know.
        var check = System.IO.Path.Combine(Directory, "check");
        await WritePrivateAsync(check, CheckText, executable: false, ct).ConfigureAwait(false);
        var signed = await RunToolAsync("ssh-keygen", ["-Y", "sign", "-n", "git", "-f", keyFile, check], ct).ConfigureAwait(false);
        if (!signed.Succeeded)
            throw Refusal(signed, "cannot sign");

        config.Add(("gpg.format", "ssh"));
        config.Add(("user.signingKey", keyFile));
        // The user's own program (a password manager's signer, say) would not know this key.
        config.Add(("gpg.ssh.program", "ssh-keygen"));
        config.Add(("gpg.ssh.allowedSignersFile", allowedSigners));
    }

    /// <summary>The failure for a key ssh-keygen refused: the passphrase when that is what it says, else the key.</summary>
    CommitSigningException Refusal(ProcessResult result, string problem)
    {
        var reason = Reason(result);
        if (reason.Contains("incorrect passphrase", StringComparison.Ordinal))
            return key.Passphrase is null
                ? new CommitSigningException(FailureKind.BadInput, key.Input, $"is protected by a passphrase and none was given", $"give the {GitOpsInputs.SigningKeyPassphrase}")
                : new CommitSigningException(FailureKind.BadInput, GitOpsInputs.SigningKeyPassphrase, $"does not unlock the {key.Input} (ssh-keygen: {reason})",
                    $"give the passphrase the key was protected with");
        return new CommitSigningException(problem == "cannot sign" ? FailureKind.Failure : FailureKind.BadInput, key.Input, $"{problem} (ssh-keygen: {reason})",
            $"give an OpenSSH or PEM private key that signs on its own (`ssh-keygen -Y sign` with the key file)");
    }

    /// <summary>An allowed-signers principal: the email, unless it holds what the file's syntax gives a meaning to.</summary>
    static string Principal(string email) =>
        email.Length > 0 && !email.Any(c => char.IsWhiteSpace(c) || c is ',' or '"' or '*' or '?' or '!') ? email : "config-repo-committer";
}
