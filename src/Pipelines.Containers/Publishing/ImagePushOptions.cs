using Pipelines.Containers.Building;
using Pipelines.Containers.Registry;

namespace Pipelines.Containers.Publishing;

/// <summary>What to push where, for any OCI registry.</summary>
/// <param name="Image">The built image.</param>
/// <param name="TargetRepository">Registry host and path, e.g. <c>127.0.0.1:5000/app</c>.</param>
public sealed record ImagePushOptions(ImageBuildResult Image, string TargetRepository)
{
    /// <summary>The tag to push; the built image's tag when null. <c>latest</c> is refused.</summary>
    public string? Tag { get; init; }

    /// <summary>Registry credentials; anonymous when null.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Fetches new credentials when the registry refuses the current ones mid-push (an ECR authorization token that
    /// expired); the refused request is then sent once more. Refused credentials are final when null.</summary>
    public Func<CancellationToken, Task<RegistryCredentials>>? RefreshCredentials { get; init; }

    /// <summary>Also point <c>latest</c> at the pushed image (refused when tags are immutable).</summary>
    public bool AlsoTagLatest { get; init; }

    /// <summary>Tags cannot be moved: a tag holding a different image is a conflict, not an overwrite.</summary>
    public bool TagsImmutable { get; init; }

    /// <summary>For daemonless images: how to re-publish to the target registry (the original build options).</summary>
    public ImageBuildOptions? Rebuild { get; init; }

    /// <summary>The docker CLI; as for <see cref="ImageBuildOptions.DockerExecutable"/> when null.</summary>
    public string? DockerExecutable { get; init; }

    /// <summary>Extra environment for the tools (e.g. <c>DOCKER_HOST</c>); <c>DOCKER_CONFIG</c> is always the private temporary one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Talk plain HTTP to the registry; decided from the host when null (loopback: HTTP).</summary>
    public bool? PlainHttp { get; init; }

    /// <summary>How many times <c>docker push</c> is run when it fails for a reason other than credentials or an immutable tag
    /// (a dropped connection or a 5xx/429 that docker does not retry itself, e.g. on the manifest). A push is idempotent.</summary>
    public int PushAttempts { get; init; } = 3;

    /// <summary>The wait before the second <c>docker push</c>; it grows linearly with each further attempt.</summary>
    public TimeSpan PushRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where the private docker config is created: the system temp directory when null. On a shared agent, the job's own
    /// temp directory (e.g. Jenkins' <c>WORKSPACE@tmp</c>) keeps jobs' logins apart.</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>How long to wait for another push of the same tag on this machine to finish before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the registry may take to accept a connection and to answer one request.</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>Where progress lines go; nowhere when null.</summary>
    public TextWriter? Log { get; init; }
}
