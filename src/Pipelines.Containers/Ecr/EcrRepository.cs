namespace Pipelines.Containers.Ecr;

/// <summary>An ECR repository as DescribeRepositories/CreateRepository return it.</summary>
/// <param name="Name">Repository name, e.g. <c>team/app</c>.</param>
/// <param name="Uri">Push/pull URI: registry host and name.</param>
/// <param name="Arn">The repository ARN.</param>
/// <param name="RegistryId">The owning account.</param>
/// <param name="TagMutability"><c>IMMUTABLE</c> or <c>MUTABLE</c>.</param>
/// <param name="ScanOnPush">Whether basic scanning runs on push.</param>
/// <param name="EncryptionType"><c>AES256</c> or <c>KMS</c>.</param>
public sealed record EcrRepository(string Name, string Uri, string Arn, string RegistryId, string TagMutability, bool ScanOnPush, string EncryptionType)
{
    /// <summary>True when tags cannot be moved once pushed.</summary>
    public bool IsImmutable => TagMutability.StartsWith("IMMUTABLE", StringComparison.Ordinal);
}
