using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Checks scaffolding options up front, so that nothing is written for input that cannot work.</summary>
internal static partial class ConfigRepoScaffoldValidation
{
    public static void Validate(ConfigRepoScaffoldOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TargetDirectory))
        {
            throw new InvalidScaffoldOptionException(Input.Named("target directory"), $"is empty", $"pass the directory of the config repo");
        }

        if (!DnsLabel().IsMatch(options.AppName ?? "") || options.AppName!.Length > 63)
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.AppName,
                $"'{options.AppName}' is not a Kubernetes name (lower-case letters, digits and '-', at most 63)", $"pass e.g. 'shop' or 'orders-api'");
        }

        ValidateImageRepository(options.ImageRepository ?? "");

        if (options.Environments is not { Count: > 0 })
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.Environments, $"are empty", $"pass at least one, e.g. 'dev' and 'prod'");
        }

        foreach (var environment in options.Environments)
        {
            if (!DnsLabel().IsMatch(environment ?? ""))
            {
                throw new InvalidScaffoldOptionException(GitOpsInputs.Environments,
                    $"name '{environment}', which is not a folder-safe name (lower-case letters, digits and '-')", $"pass e.g. 'dev', 'staging' or 'prod'");
            }
        }

        if (options.Environments.Distinct(StringComparer.Ordinal).Count() != options.Environments.Count)
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.Environments,
                $"'{string.Join(",", options.Environments)}' name one environment twice", $"list each environment once");
        }

        if (!AwsRegion().IsMatch(options.Region ?? ""))
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.Region, $"'{options.Region}' is not an AWS region name",
                $"pass e.g. 'cn-north-1', 'cn-northwest-1' or 'us-east-1'");
        }

        if (string.Equals(options.InitialTag, "latest", StringComparison.OrdinalIgnoreCase)
            || !ImageReferences.IsTag(options.InitialTag ?? ""))
        {
            throw new InvalidScaffoldOptionException(Input.Named("initial tag"),
                $"'{options.InitialTag}' is refused: tags must be immutable and valid", $"pass a version or a commit SHA");
        }

        if (string.IsNullOrWhiteSpace(options.GitBranch) || options.GitBranch.Any(char.IsWhiteSpace))
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.ConfigBranch, $"'{options.GitBranch}' is not a branch name", $"pass e.g. 'main'");
        }

        if (options.GitUrl is { } url && (url.Length == 0 || url.Any(char.IsWhiteSpace)))
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.ConfigRepo, $"'{url}' is not a URL",
                $"pass the config repo's clone URL, e.g. 'ssh://git@github.com/org/config.git'");
        }
    }

    private static void ValidateImageRepository(string repository)
    {
        var lastSlash = repository.LastIndexOf('/');
        if (repository.Contains('@') || repository[(lastSlash + 1)..].Contains(':'))
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.ImageRepository, $"'{repository}' carries a tag or digest",
                $"pass the repository alone, e.g. '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop'");
        }

        if (!ImageReferences.IsRepository(repository, out _))
        {
            throw new InvalidScaffoldOptionException(GitOpsInputs.ImageRepository, $"'{repository}' is not a valid repository name",
                $"pass e.g. '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop'");
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$")]
    private static partial Regex AwsRegion();
}
