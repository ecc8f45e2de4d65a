using Amazon.Runtime;

namespace Pipelines.Containers.Aws;

/// <summary>Who the pipeline acts as: the credentials to sign with, the account and the partition.</summary>
/// <param name="Credentials">Credentials to sign requests with.</param>
/// <param name="AccountId">The 12-digit account id.</param>
/// <param name="Region">The region.</param>
/// <param name="Partition">The region's partition.</param>
/// <param name="Source">How the credentials were obtained (for the log; never a secret).</param>
public sealed record AwsIdentity(AWSCredentials Credentials, string AccountId, string Region, AwsPartition Partition, string Source);
