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
    [Parameter("Build arguments as KEY=VALUE, e.g. APP_VERSION=1.2.0 (the base image has its own --base-image)")]
    string[] BuildArg => TryGetValue(() => BuildArg) ?? [];

    /// <summary>The base image, given.</summary>
    [Parameter("Base image to build on (the Dockerfile's ARG BASE_IMAGE, or ContainerBaseImage for --image-builder Dotnet); used as given, never probed")]
    string? BaseImage => TryGetValue(() => BaseImage);

    /// <summary>A registry mirror for the base image.</summary>
    [Parameter("Registry mirror serving the Dockerfile's base image, host[:port][/prefix]: mcr.microsoft.com/dotnet/aspnet:10.0 is pulled as <mirror>/dotnet/aspnet:10.0")]
    string? BaseImageMirror => TryGetValue(() => BaseImageMirror);

    /// <summary>When the offline Debian base stands in.</summary>
    [Parameter("When a base built from the Debian archive apt uses stands in for an unreachable .NET base image (the app is then published self-contained): Auto, Never or Always")]
    OfflineBasePolicy OfflineBase => TryGetValue(() => OfflineBase) ?? OfflineBasePolicy.Auto;

    /// <summary>How long the base image's registry may take to answer.</summary>
    [Parameter("How long the base image's registry (or mirror) may take to answer before it counts as unreachable, e.g. 3s")]
    TimeSpan BaseImageTimeout => TryGetValue(() => BaseImageTimeout) ?? TimeSpan.FromSeconds(3);

    /// <summary>The Dockerfile stage.</summary>
    [Parameter("Dockerfile stage to build (docker build --target)")]
    string? TargetStage => TryGetValue(() => TargetStage);

    /// <summary>The platform.</summary>
    [Parameter("Target platform, e.g. linux/amd64 or linux/arm64")]
    string? Platform => TryGetValue(() => Platform);

    /// <summary>Build a dirty tree.</summary>
    [Parameter("Build even with uncommitted changes; the default tag becomes <sha>-dirty")]
    bool AllowDirty => TryGetValue(() => AllowDirty) ?? false;

    /// <summary>The app's project.</summary>
    [Parameter("The app's project (.csproj) that goes into the image: published for the Dockerfile by Publish, or as the image by --image-builder Dotnet")]
    string? Project => TryGetValue(() => Project);

    /// <summary>The image DockerBuild recorded (in this run or an earlier CI job sharing <c>artifacts/</c>), for a target that
    /// <paramref name="uses"/> it ("push", "smoke-test").</summary>
    BuiltImage RecordedImage(string uses) => Outputs.Get<BuiltImage>(BuiltImage.OutputName)
        ?? throw new TargetFailedException($"No built image to {uses}: run DockerBuild first (or in an earlier CI job that shares artifacts/)");

    /// <summary>The Dockerfile's path.</summary>
    string DockerfilePath => Path.GetFullPath(Dockerfile ?? "Dockerfile", DockerContext is null ? RootDirectory : Path.GetFullPath(DockerContext, RootDirectory));

    /// <summary>The build options the parameters describe, building on <paramref name="baseImage"/> when one was chosen.</summary>
    ImageBuildOptions CreateImageBuildOptions(string? baseImage = null)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in BuildArg)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new InvocationException($"--build-arg '{pair}' is not KEY=VALUE; pass e.g. --build-arg APP_VERSION=1.2.0");
            args[pair[..eq]] = pair[(eq + 1)..];
        }
        if ((baseImage ?? BaseImage) is { Length: > 0 } chosen)
            args[DockerfileBaseImage.Argument] = chosen;
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
