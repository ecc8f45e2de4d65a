namespace Pipelines.GitOps;

/// <summary>What kind of key signs config-repo commits, as git's <c>gpg.format</c> names it.</summary>
public enum SigningKeyFormat
{
    /// <summary>An SSH private key (OpenSSH or PEM); git signs with <c>ssh-keygen -Y sign</c> (<c>gpg.format=ssh</c>).</summary>
    Ssh,

    /// <summary>An OpenPGP secret key (armored or binary); git signs with gpg (<c>gpg.format=openpgp</c>).</summary>
    OpenPgp,
}
