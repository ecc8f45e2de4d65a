using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Pipelines.Containers.Aws;

namespace Pipelines.Containers.Ecr;

/// <summary>
/// A private ECR registry host name taken apart: account, region, FIPS, dual-stack. Parsing is anchored at both ends and checks the
/// region against the partition's DNS suffix, so look-alikes such as <c>…amazonaws.com.cn.evil.example</c> are rejected.
/// </summary>
/// <param name="Host">The host name, lower case.</param>
/// <param name="AccountId">The 12-digit registry (account) id.</param>
/// <param name="Region">The region, e.g. <c>cn-north-1</c>.</param>
/// <param name="Fips">True for FIPS endpoints.</param>
/// <param name="DualStack">True for dual-stack (IPv4+IPv6) endpoints.</param>
/// <param name="Partition">The partition the region belongs to.</param>
public sealed partial record EcrRegistryHost(string Host, string AccountId, string Region, bool Fips, bool DualStack, AwsPartition Partition)
{
    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr\.ecr(?<fips>-fips)?\.(?<region>[a-z]{2,4}(?:-[a-z]+)+-[0-9]+)\.(?<suffix>amazonaws\.com|amazonaws\.com\.cn|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$", RegexOptions.CultureInvariant)]
    private static partial Regex Standard();

    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr-ecr(?<fips>-fips)?\.(?<region>[a-z]{2,4}(?:-[a-z]+)+-[0-9]+)\.(?<suffix>on\.aws|on\.amazonwebservices\.com\.cn)$", RegexOptions.CultureInvariant)]
    private static partial Regex DualStackForm();

    /// <summary>Parses a registry host (a trailing <c>:443</c> is allowed); false when it is not an ECR private registry host.</summary>
    public static bool TryParse(string? host, [NotNullWhen(true)] out EcrRegistryHost? result)
    {
        result = null;
        if (string.IsNullOrEmpty(host))
            return false;
        var name = host.Trim().ToLowerInvariant();
        if (name.EndsWith(":443", StringComparison.Ordinal))
            name = name[..^4];

        var dualStack = false;
        var match = Standard().Match(name);
        if (!match.Success)
        {
            match = DualStackForm().Match(name);
            dualStack = match.Success;
        }
        if (!match.Success)
            return false;

        var region = match.Groups["region"].Value;
        var partition = AwsPartition.FromRegion(region);
        var suffix = match.Groups["suffix"].Value;
        var expected = dualStack ? (partition.Name == "aws-cn" ? "on.amazonwebservices.com.cn" : "on.aws") : partition.DnsSuffix;
        if (suffix != expected)
            return false;
        result = new EcrRegistryHost(name, match.Groups["account"].Value, region, match.Groups["fips"].Success, dualStack, partition);
        return true;
    }

    /// <summary>Parses a registry host or throws a one-line <see cref="ContainerInputException"/> naming the expected form.</summary>
    public static EcrRegistryHost Parse(string host) =>
        TryParse(host, out var result)
            ? result
            : throw new ContainerInputException(ContainerInputs.ImageRepository, $"has host '{host}', which is not an ECR registry host", $"expected <account>.dkr.ecr.<region>.amazonaws.com[.cn] or a FIPS/dual-stack form");
}
