using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;

namespace Pipelines.Containers.Tests.Ecr;

/// <summary>The registry host parser: every documented form, and look-alikes refused.</summary>
public sealed class RegistryHosts
{
    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com", "us-east-1", false, false, "aws")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "cn-north-1", false, false, "aws-cn")]
    [InlineData("123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1", false, false, "aws-cn")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1", true, false, "aws-us-gov")]
    [InlineData("123456789012.dkr.ecr-fips.us-east-2.amazonaws.com", "us-east-2", true, false, "aws")]
    [InlineData("123456789012.dkr-ecr.eu-west-1.on.aws", "eu-west-1", false, true, "aws")]
    [InlineData("123456789012.dkr-ecr-fips.us-east-1.on.aws", "us-east-1", true, true, "aws")]
    [InlineData("123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn", "cn-north-1", false, true, "aws-cn")]
    [InlineData("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1", false, false, "aws-eusc")]
    [InlineData("123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", false, false, "aws-iso")]
    [InlineData("123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1", false, false, "aws-iso-b")]
    [InlineData("123456789012.DKR.ECR.CN-NORTH-1.AMAZONAWS.COM.CN:443", "cn-north-1", false, false, "aws-cn")]
    public void Parses_each_form(string host, string region, bool fips, bool dualStack, string partition)
    {
        var parsed = EcrRegistryHost.Parse(host);

        Assert.Equal("123456789012", parsed.AccountId);
        Assert.Equal(region, parsed.Region);
        Assert.Equal(fips, parsed.Fips);
        Assert.Equal(dualStack, parsed.DualStack);
        Assert.Equal(partition, parsed.Partition.Name);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn.evil.example")]
    [InlineData("evil.example/123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")]
    [InlineData("x123456789012.dkr.ecr.us-east-1.amazonaws.com")]
    [InlineData("12345678901.dkr.ecr.us-east-1.amazonaws.com")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.cn")]
    [InlineData("123456789012.dkr-ecr.cn-north-1.on.aws")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com:5000")]
    [InlineData("public.ecr.aws")]
    [InlineData("")]
    public void Refuses_look_alikes(string host)
    {
        Assert.False(EcrRegistryHost.TryParse(host, out _));
        if (host.Length > 0)
            Assert.DoesNotContain('\n', Assert.Throws<ContainerInputException>(() => EcrRegistryHost.Parse(host)).Message);
    }

    [Theory]
    [InlineData("cn-north-1", "https://api.ecr.cn-north-1.amazonaws.com.cn/", "arn:aws-cn:", "sts.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", "https://api.ecr.cn-northwest-1.amazonaws.com.cn/", "arn:aws-cn:", "sts.amazonaws.com.cn")]
    [InlineData("eu-central-1", "https://api.ecr.eu-central-1.amazonaws.com/", "arn:aws:", "sts.amazonaws.com")]
    public void Endpoints_and_arns_follow_the_partition(string region, string endpoint, string arnPrefix, string audience)
    {
        var partition = AwsPartition.FromRegion(region);

        Assert.Equal(endpoint, AwsPartition.EcrEndpoint(region).ToString());
        Assert.Equal(arnPrefix, partition.ArnPrefix);
        Assert.Equal(audience, partition.StsAudience);
    }
}
