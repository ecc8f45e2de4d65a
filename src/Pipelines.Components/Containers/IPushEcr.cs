using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;

namespace Pipelines.Components;

/// <summary>
/// PushEcr: pushes the built image to Amazon ECR (China regions included): ensures the repository (immutable tags, scan on push),
/// logs in through a private temporary docker config, skips when the tag already holds the image, optionally gates on the scan.
/// </summary>
public interface IPushEcr : IContainerParameters, IAwsParameters
{
    /// <summary>The ECR API endpoint override.</summary>
    [Parameter("ECR API endpoint (VPC endpoint or a test stand-in); defaults to the region's, e.g. https://api.ecr.cn-north-1.amazonaws.com.cn")]
    Uri? EcrEndpoint => TryGetValue(() => EcrEndpoint);

    /// <summary>The ECR repository name.</summary>
    [Parameter("ECR repository name; defaults to --image-name or the repository folder's name")]
    string? EcrRepositoryName => TryGetValue(() => EcrRepositoryName);

    /// <summary>Also move <c>latest</c>.</summary>
    [Parameter("Also point 'latest' at the pushed image (refused on repositories with immutable tags)")]
    bool AlsoTagLatest => TryGetValue(() => AlsoTagLatest) ?? false;

    /// <summary>The scan gate.</summary>
    [Parameter("Wait for the image scan and fail on findings at or above this severity (e.g. High)")]
    ScanSeverity? MaxScanSeverity => TryGetValue<ScanSeverity>(() => MaxScanSeverity);

    /// <summary>Create repositories with mutable tags.</summary>
    [Parameter("Create a missing ECR repository with MUTABLE tags (default IMMUTABLE)")]
    bool EcrMutableTags => TryGetValue(() => EcrMutableTags) ?? false;

    /// <summary>Pushes the built image to ECR and records the <c>pushed-image</c> output.</summary>
    Target PushEcr => _ => _
        .Description("Push the image to Amazon ECR (creating the repository if needed); skips when already pushed")
        .TryDependsOn<IDockerBuild>(x => x.DockerBuild)
        .Requires(() => AwsRegion)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            AwsInputs.Check(this);
            var built = RecordedImage("push");
            ImageTags.EnsureImmutable(ImageTag ?? built.Tag);
            var build = CreateImageBuildOptions();
            var result = await new EcrImagePublisher(Tools).PushAsync(
                new EcrPushOptions(built.ToBuildResult(), EcrRepositoryName ?? build.ImageName, AwsRegion!)
                {
                    Tag = ImageTag,
                    Endpoint = EcrEndpoint,
                    StsEndpoint = StsEndpoint,
                    AccountId = AwsAccountId,
                    RoleArn = AwsRoleArn,
                    AlsoTagLatest = AlsoTagLatest,
                    MaxScanSeverity = MaxScanSeverity,
                    RepositorySettings = new EcrRepositorySettings { TagMutability = EcrMutableTags ? "MUTABLE" : "IMMUTABLE" },
                    Rebuild = built.Builder == ImageBuilderKind.Dotnet ? build : null,
                    Bounds = RegistryBounds,
                    Log = Log,
                }, ct).ConfigureAwait(false);
            Outputs.Set(PushedImage.OutputName, new PushedImage(result.RepositoryUri, result.Tag, result.Digest, built.SourceCommit));
            Note(result.Skipped
                ? $"already pushed {result.RepositoryUri}:{result.Tag} {IDockerBuild.ShortDigest(result.Digest)} (skipped)"
                : $"pushed {result.RepositoryUri}:{result.Tag} {IDockerBuild.ShortDigest(result.Digest)}{(result.RepositoryCreated ? " (repository created)" : "")}");
        }));
}
