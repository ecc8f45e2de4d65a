using Amazon.Runtime;
using Pipelines.Containers.Building;

namespace Pipelines.Containers.Ecr;

/// <summary>What to push to ECR and how.</summary>
/// <param name="Image">The built image.</param>
/// <param name="RepositoryName">The ECR repository name, e.g. <c>team/app</c>.</param>
/// <param name="Region">The region, e.g. <c>cn-north-1</c>.</param>
public sealed record EcrPushOptions(ImageBuildResult Image, string RepositoryName, string Region)
{
    /// <summary>The tag; the built image's tag when null.</summary>
    public string? Tag { get; init; }

    /// <summary>The ECR API endpoint; the region's partition default when null.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>An STS endpoint; the region's default when null.</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>The account; taken from STS GetCallerIdentity when null.</summary>
    public string? AccountId { get; init; }

    /// <summary>A role to assume (in the region's partition, <c>arn:aws-cn:…</c> on China).</summary>
    public string? RoleArn { get; init; }

    /// <summary>Credentials; the SDK default chain when null.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>How the repository is created when missing (default: immutable tags, scan on push).</summary>
    public EcrRepositorySettings RepositorySettings { get; init; } = new();

    /// <summary>Also point <c>latest</c> at the image (refused on immutable repositories).</summary>
    public bool AlsoTagLatest { get; init; }

    /// <summary>Fail when the scan finds anything at or above this severity; no gate when null.</summary>
    public ScanSeverity? MaxScanSeverity { get; init; }

    /// <summary>How long to wait for the scan to complete.</summary>
    public TimeSpan ScanTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often to poll the scan status.</summary>
    public TimeSpan ScanPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the ECR API, STS and the registry may take to accept a connection and to answer one request.</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>For daemonless images: the original build options, used to re-publish to ECR.</summary>
    public ImageBuildOptions? Rebuild { get; init; }

    /// <summary>The docker CLI; <c>/usr/bin/docker</c> when it exists, else <c>docker</c>.</summary>
    public string? DockerExecutable { get; init; }

    /// <summary>Extra environment for docker/dotnet (e.g. <c>DOCKER_HOST</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the private docker config is created; as for <see cref="Publishing.ImagePushOptions.TemporaryDirectory"/>.</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>The HTTP handler for ECR calls (tests); a new one when null.</summary>
    public HttpMessageHandler? EcrHttpHandler { get; init; }

    /// <summary>Where progress lines go; nowhere when null.</summary>
    public TextWriter? Log { get; init; }
}
