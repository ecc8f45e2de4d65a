using Pipelines.Containers.Building;

namespace Pipelines.Components;

/// <summary>How the app's image is built: shared by DockerBuild and by the push targets, which re-publish daemonless images.</summary>
public interface IContainerParameters : IImageParameters
{
    /// <summary>Which builder makes the image.</summary>
    [Parameter("Image builder: Docker (docker CLI, BuildKit where available) or Dotnet (daemonless dotnet publish -t:PublishContainer)")]
    ImageBuilderKind ImageBuilder => TryGetValue(() => ImageBuilder) ?? ImageBuilderKind.Docker;

    /// <summary>The local image name.</summary>
    [Parameter("Local image name (without tag); defaults to the repository folder's name")]
    string? ImageName => TryGetValue(() => ImageName);

    /// <summary>The Dockerfile.</summary>
    [Parameter("Dockerfile to build; defaults to Dockerfile in the build context")]
    string? Dockerfile => TryGetValue(() => Dockerfile);

    /// <summary>The build context.</summary>
    [Parameter("Docker build context directory; defaults to the repository root")]
    string? DockerContext => TryGetValue(() => DockerContext);

    /// <summary>Build arguments.</summary>
    [Parameter("Build arguments as KEY=VALUE, e.g. BASE_IMAGE=registry/base:tag (for --image-builder Dotnet BASE_IMAGE is the base image)")]
    string[] BuildArg => TryGetValue(() => BuildArg) ?? [];

    /// <summary>The Dockerfile stage.</summary>
    [Parameter("Dockerfile stage to build (docker build --target)")]
    string? TargetStage => TryGetValue(() => TargetStage);

    /// <summary>The platform.</summary>
    [Parameter("Target platform, e.g. linux/amd64 or linux/arm64")]
    string? Platform => TryGetValue(() => Platform);

    /// <summary>Build a dirty tree.</summary>
    [Parameter("Build even with uncommitted changes; the default tag becomes <sha>-dirty")]
    bool AllowDirty => TryGetValue(() => AllowDirty) ?? false;

    /// <summary>The project for the dotnet builder.</summary>
    [Parameter("Project to publish with --image-builder Dotnet (.csproj path)")]
    string? Project => TryGetValue(() => Project);

    /// <summary>The build options the parameters describe.</summary>
    ImageBuildOptions CreateImageBuildOptions()
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in BuildArg)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new InvocationException($"--build-arg '{pair}' is not KEY=VALUE; pass e.g. --build-arg BASE_IMAGE=registry/base:1.0");
            args[pair[..eq]] = pair[(eq + 1)..];
        }
        var name = ImageName ?? new DirectoryInfo(RootDirectory).Name.ToLowerInvariant();
        return new ImageBuildOptions(RootDirectory, name)
        {
            Builder = ImageBuilder,
            Tag = ImageTag,
            AllowDirty = AllowDirty,
            ContextDirectory = DockerContext is null ? null : Path.GetFullPath(DockerContext, RootDirectory),
            Dockerfile = Dockerfile is null ? null : Path.GetFullPath(Dockerfile, RootDirectory),
            BuildArgs = args,
            TargetStage = TargetStage,
            Platform = Platform,
            Project = Project is null ? null : Path.GetFullPath(Project, RootDirectory),
            ArchivePath = Path.Combine(ArtifactsDirectory, "images", $"{name.Replace('/', '-')}.tar"),
        };
    }
}
