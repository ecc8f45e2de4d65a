namespace Pipelines.Components;

/// <summary>Where and as whom AWS calls are made. The region picks the partition: China regions use <c>amazonaws.com.cn</c> and <c>arn:aws-cn</c>.</summary>
public interface IAwsParameters : IPipelineBuild
{
    /// <summary>The AWS region.</summary>
    [Parameter("AWS region, e.g. cn-north-1 or eu-west-1", EnvironmentVariable = "AWS_REGION")]
    string? AwsRegion => TryGetValue(() => AwsRegion);

    /// <summary>The account id; STS GetCallerIdentity is asked when omitted.</summary>
    [Parameter("AWS account id that owns the registry; asked from STS GetCallerIdentity when omitted")]
    string? AwsAccountId => TryGetValue(() => AwsAccountId);

    /// <summary>A role to assume before calling AWS.</summary>
    [Parameter("IAM role to assume (arn:aws-cn:iam::... on China regions); also used for GitHub Actions OIDC")]
    string? AwsRoleArn => TryGetValue(() => AwsRoleArn);

    /// <summary>The STS endpoint override.</summary>
    [Parameter("STS endpoint (VPC endpoint or a test stand-in); defaults to the region's, e.g. https://sts.cn-north-1.amazonaws.com.cn")]
    Uri? StsEndpoint => TryGetValue(() => StsEndpoint);
}
