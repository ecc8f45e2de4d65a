using Pipelines.Tooling;

namespace Pipelines.Containers;

/// <summary>What this library is given, as its failures name it. A caller maps these to its own parameter names.</summary>
public static class ContainerInputs
{
    /// <summary>The image's tag.</summary>
    public static readonly Input ImageTag = new("image tag");

    /// <summary>The registry host and path an image is pushed to.</summary>
    public static readonly Input ImageRepository = new("image repository");

    /// <summary>The image's local name, without a tag.</summary>
    public static readonly Input ImageName = new("image name");

    /// <summary>The working tree an image is built from.</summary>
    public static readonly Input WorkingTree = new("working tree");

    /// <summary>Permission to build a tree with uncommitted changes.</summary>
    public static readonly Input AllowDirty = new("dirty-tree permission");

    /// <summary>The project the daemonless builder publishes.</summary>
    public static readonly Input Project = new("project");

    /// <summary>The target platform.</summary>
    public static readonly Input Platform = new("platform");

    /// <summary>The image builder: the docker CLI or the .NET SDK.</summary>
    public static readonly Input ImageBuilder = new("image builder");

    /// <summary>The Docker engine the docker CLI talks to.</summary>
    public static readonly Input Engine = new("Docker engine");

    /// <summary>The base image an app image is built on.</summary>
    public static readonly Input BaseImage = new("base image");

    /// <summary>A registry mirror that serves the base image.</summary>
    public static readonly Input BaseImageMirror = new("base image mirror");

    /// <summary>Whether a base built from the Debian archive may stand in for an unreachable base image.</summary>
    public static readonly Input OfflineBase = new("offline base");

    /// <summary>The user name for a registry.</summary>
    public static readonly Input RegistryUsername = new("registry user name");

    /// <summary>The password or token for a registry.</summary>
    public static readonly Input RegistryPassword = new("registry password");

    /// <summary>Also pointing <c>latest</c> at a pushed image.</summary>
    public static readonly Input AlsoTagLatest = new("'latest' tag");

    /// <summary>Whether a registry's tags are immutable.</summary>
    public static readonly Input ImmutableTags = new("immutable tags");

    /// <summary>The highest scan severity a pushed image may have.</summary>
    public static readonly Input ScanSeverity = new("scan gate");

    /// <summary>The AWS region.</summary>
    public static readonly Input Region = new("AWS region");

    /// <summary>The AWS account that owns the registry.</summary>
    public static readonly Input AccountId = new("AWS account id");

    /// <summary>An IAM role to assume.</summary>
    public static readonly Input RoleArn = new("IAM role");

    /// <summary>The STS endpoint.</summary>
    public static readonly Input StsEndpoint = new("STS endpoint");

    /// <summary>The ECR API endpoint.</summary>
    public static readonly Input EcrEndpoint = new("ECR endpoint");

    /// <summary>The ECR repository's name.</summary>
    public static readonly Input EcrRepositoryName = new("ECR repository name");

    /// <summary>The AWS credentials (environment, profile, web identity, instance role).</summary>
    public static readonly Input AwsCredentials = new("AWS credentials");

    /// <summary>The port in the container a smoke test sends its request to.</summary>
    public static readonly Input ContainerPort = new("container port");

    /// <summary>The HTTP path a smoke test requests.</summary>
    public static readonly Input SmokeTestPath = new("smoke-test path");

    /// <summary>The HTTP status codes a smoke test accepts.</summary>
    public static readonly Input AcceptedStatus = new("accepted status codes");

    /// <summary>How long a smoke-tested container may take to answer.</summary>
    public static readonly Input StartTimeout = new("start timeout");

    /// <summary>The environment variables a smoke-tested container is given.</summary>
    public static readonly Input ContainerEnvironment = new("container environment");

    /// <summary>The memory limit of a smoke-tested container.</summary>
    public static readonly Input MemoryLimit = new("memory limit");

    /// <summary>Paths a smoke test fetches once the container answers, to show what it serves.</summary>
    public static readonly Input ShownPaths = new("paths to show");
}
