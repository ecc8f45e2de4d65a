namespace Pipelines.Containers.Ecr;

/// <summary>How a repository is created when it does not exist yet. The defaults are the safe ones: immutable tags, scan on push.</summary>
public sealed record EcrRepositorySettings
{
    /// <summary><c>IMMUTABLE</c> (default) or <c>MUTABLE</c>.</summary>
    public string TagMutability { get; init; } = "IMMUTABLE";

    /// <summary>Scan images on push (default true).</summary>
    public bool ScanOnPush { get; init; } = true;

    /// <summary><c>AES256</c> (default) or <c>KMS</c>.</summary>
    public string EncryptionType { get; init; } = "AES256";

    /// <summary>The KMS key for <c>KMS</c> encryption; the AWS managed key when null.</summary>
    public string? KmsKey { get; init; }
}
