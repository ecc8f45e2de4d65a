namespace Pipelines.Containers.Aws;

/// <summary>An AWS partition: the DNS suffix, ARN prefix and STS audience that differ between aws, aws-cn, GovCloud, ISO and the EU sovereign cloud.</summary>
/// <param name="Name">The partition id, e.g. <c>aws</c> or <c>aws-cn</c>.</param>
/// <param name="DnsSuffix">The service DNS suffix, e.g. <c>amazonaws.com.cn</c>.</param>
public sealed record AwsPartition(string Name, string DnsSuffix)
{
    /// <summary>The commercial partition.</summary>
    public static AwsPartition Aws { get; } = new("aws", "amazonaws.com");

    /// <summary>The China partition (Beijing and Ningxia).</summary>
    public static AwsPartition China { get; } = new("aws-cn", "amazonaws.com.cn");

    // The region prefixes of every partition but aws, which has the rest.
    static readonly (string RegionPrefix, AwsPartition Partition)[] Partitions =
    [
        ("cn-", China), ("us-gov-", new("aws-us-gov", "amazonaws.com")), ("us-isob-", new("aws-iso-b", "sc2s.sgov.gov")),
        ("us-iso-", new("aws-iso", "c2s.ic.gov")), ("eu-isoe-", new("aws-iso-e", "cloud.adc-e.uk")),
        ("us-isof-", new("aws-iso-f", "csp.hci.ic.gov")), ("eusc-", new("aws-eusc", "amazonaws.eu")),
    ];

    /// <summary>The prefix every ARN in this partition starts with, e.g. <c>arn:aws-cn:</c>.</summary>
    public string ArnPrefix => $"arn:{Name}:";

    /// <summary>The audience a web-identity (OIDC) token must carry for this partition's STS.</summary>
    public string StsAudience => Name == "aws-cn" ? "sts.amazonaws.com.cn" : "sts.amazonaws.com";

    /// <summary>The partition a region belongs to, from the region name alone (no SDK metadata lookup needed).</summary>
    /// <exception cref="ContainerInputException">The region name is empty or malformed.</exception>
    public static AwsPartition FromRegion(string region)
    {
        if (string.IsNullOrWhiteSpace(region) || !System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2,4}(-[a-z]+)+-\\d+$"))
            throw new ContainerInputException(ContainerInputs.Region, $"'{region}' is not a region name", $"pass one like cn-north-1 or eu-west-1");
        return Partitions.FirstOrDefault(p => region.StartsWith(p.RegionPrefix, StringComparison.Ordinal)).Partition ?? Aws;
    }

    /// <summary>The default ECR API endpoint of a region, e.g. <c>https://api.ecr.cn-north-1.amazonaws.com.cn</c>.</summary>
    public static Uri EcrEndpoint(string region, bool fips = false)
    {
        var partition = FromRegion(region);
        var host = fips ? $"ecr-fips.{region}.{partition.DnsSuffix}" : $"api.ecr.{region}.{partition.DnsSuffix}";
        return new Uri($"https://{host}");
    }
}
