namespace Pipelines.CiGeneration;

/// <summary>The kind of Jenkins credential the key signing config-repo commits comes from (<see cref="JenkinsAttribute.SigningKeyCredentialKind"/>).</summary>
public enum JenkinsSigningKeyKind
{
    /// <summary>An <i>SSH Username with private key</i> credential, bound with <c>sshUserPrivateKey(...)</c>: the key as a file,
    /// and its passphrase.</summary>
    SshPrivateKey,

    /// <summary>A <i>Secret file</i> credential holding an OpenPGP secret key (or an SSH key), bound with <c>file(...)</c>.</summary>
    SecretFile,
}
