namespace Pipelines.Containers.Building;

/// <summary>What to build and how.</summary>
/// <param name="RepositoryRoot">The git working tree the image is built from (for the tag, the dirty check and the labels).</param>
/// <param name="ImageName">The image name without tag, e.g. <c>app</c> or <c>127.0.0.1:5000/app</c>.</param>
public sealed record ImageBuildOptions(string RepositoryRoot, string ImageName)
{
    /// <summary>The builder; docker by default.</summary>
    public ImageBuilderKind Builder { get; init; } = ImageBuilderKind.Docker;

    /// <summary>The tag; the commit's short SHA when null. <c>latest</c> is refused.</summary>
    public string? Tag { get; init; }

    /// <summary>Build even when tracked files have uncommitted changes; the default tag then gets a <c>-dirty</c> suffix.</summary>
    public bool AllowDirty { get; init; }

    /// <summary>The build context directory (docker builder); the repository root when null.</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>The Dockerfile (docker builder); <c>Dockerfile</c> in the context when null.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>Build arguments, e.g. <c>BASE_IMAGE</c>. For the dotnet builder <c>BASE_IMAGE</c> becomes <c>ContainerBaseImage</c>.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>The Dockerfile stage to build (<c>--target</c>).</summary>
    public string? TargetStage { get; init; }

    /// <summary>The platform, e.g. <c>linux/amd64</c> (docker <c>--platform</c>; for dotnet the runtime identifier is derived).</summary>
    public string? Platform { get; init; }

    /// <summary>The project to publish (dotnet builder).</summary>
    public string? Project { get; init; }

    /// <summary>For the dotnet builder: publish straight to this registry (host[:port]); when null the image goes to an archive.</summary>
    public string? PublishRegistry { get; init; }

    /// <summary>Where the dotnet builder writes its archive when no registry is given; a temp file when null.</summary>
    public string? ArchivePath { get; init; }

    /// <summary>The value of the <c>org.opencontainers.image.source</c> label; the git remote <c>origin</c> when null.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The docker CLI; <c>/usr/bin/docker</c> when it exists (a CLI that has the engine's BuildKit built in), else <c>docker</c>.</summary>
    public string? DockerExecutable { get; init; }

    /// <summary>Force BuildKit on (true) or the classic builder (false); detected from the CLI when null.</summary>
    public bool? UseBuildKit { get; init; }

    /// <summary>Extra environment for the tools (e.g. <c>DOCKER_HOST</c>, <c>DOCKER_CONFIG</c>, registry credentials).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
