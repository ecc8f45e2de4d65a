using System.Text.RegularExpressions;
using Pipelines.Containers.Aws;

namespace Pipelines.Components;

/// <summary>
/// Checks the AWS parameters before anything is asked of AWS, so a typo is a bad invocation (exit 2) that names the
/// parameter, not a failed call after a repository was already created.
/// </summary>
static partial class AwsInputs
{
    public static void Check(IAwsParameters build)
    {
        var region = build.AwsRegion!;
        // An endpoint override (VPC endpoint, a stand-in) may serve a region the SDK does not list yet.
        var known = Amazon.RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).ToList();
        if (!known.Contains(region, StringComparer.Ordinal))
        {
            var near = known.Where(k => k.StartsWith(region.Split('-')[0] + "-", StringComparison.Ordinal)).Take(4).ToList();
            throw new InvocationException($"--aws-region '{region}' is not an AWS region; pass one such as {string.Join(", ", near.Count > 0 ? near : ["cn-north-1", "eu-west-1"])}");
        }
        if (build.AwsAccountId is { } account && !AccountId().IsMatch(account))
            throw new InvocationException($"--aws-account-id '{account}' is not 12 digits; pass the account that owns the ECR registry, or omit it to ask STS");
        var partition = AwsPartition.FromRegion(region);
        if (build.AwsRoleArn is { } role && (!role.StartsWith(partition.ArnPrefix, StringComparison.Ordinal) || !role.Contains(":role/", StringComparison.Ordinal)))
            throw new InvocationException($"--aws-role-arn '{role}' is not a role in partition {partition.Name} ({region}); use {partition.ArnPrefix}iam::<account>:role/<name>");
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
