using Pipelines.Containers.Building;

namespace Pipelines.Components;

/// <summary>DockerBuild: builds the app's image (docker CLI, or daemonless with the .NET SDK) tagged with the commit's short SHA.</summary>
public interface IDockerBuild : IContainerParameters
{
    /// <summary>Chooses the base image and records it as the <c>base-image</c> output.</summary>
    Target ResolveBaseImage => _ => _
        .Description("Choose the base image: --base-image, else the Dockerfile's when the engine has it or its registry (or --base-image-mirror) answers, else the offline Debian base")
        .OnlyWhenStatic(() => ImageBuilder == ImageBuilderKind.Docker, "--image-builder Docker")
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var dockerfile = DockerfilePath;
            var wanted = File.Exists(dockerfile) ? DockerfileBaseImage.DefaultOf(await File.ReadAllTextAsync(dockerfile, ct).ConfigureAwait(false)) : null;
            if (wanted is null)
            {
                if (BaseImage is not null)
                    throw new InvocationException($"--base-image is given, but {Path.GetRelativePath(RootDirectory, dockerfile)} declares no ARG BASE_IMAGE used by its FROM; add them or drop --base-image");
                Outputs.Remove(Components.BaseImage.OutputName);
                Note("the Dockerfile names its base itself (no ARG BASE_IMAGE)");
                return;
            }
            var engine = new DockerEngine(Tools);
            await engine.EnsureAnsweringAsync(ct).ConfigureAwait(false);
            var resolved = await new BaseImageResolver(Tools, engine).ResolveAsync(new BaseImageRequest(wanted)
            {
                Given = BaseImage,
                Mirror = BaseImageMirror,
                OfflineBase = OfflineBase,
                ProbeTimeout = BaseImageTimeout,
            }, Log, ct).ConfigureAwait(false);
            Outputs.Set(Components.BaseImage.OutputName, new BaseImage(resolved.Reference, resolved.Source, resolved.HasDotnetRuntime, resolved.Reason));
            Log.WriteLine(resolved.Reason);
            Note(resolved.Reason);
        }));

    /// <summary>Builds the image and records it as the <c>image</c> output.</summary>
    Target DockerBuild => _ => _
        .Description("Build the app's container image, tagged with the commit's short SHA")
        .DependsOn<IDockerBuild>(x => x.ResolveBaseImage)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var chosen = ImageBuilder == ImageBuilderKind.Docker ? Outputs.Get<BaseImage>(Components.BaseImage.OutputName)?.Reference : null;
            var options = CreateImageBuildOptions(chosen);
            var result = await new ImageBuilder(Tools).BuildAsync(options, ct).ConfigureAwait(false);
            var built = new BuiltImage(result.Reference, result.Tag, result.Digest, result.SourceCommit, result.Builder, result.PublishedTo);
            Outputs.Set(BuiltImage.OutputName, built);
            Log.WriteLine($"Built {result.Reference} ({result.Digest}) from {result.SourceCommit}");
            Note($"{result.Reference} {ShortDigest(result.Digest)}");
        }));

    /// <summary><c>sha256:</c> and the first 12 hex digits, for summary notes.</summary>
    static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
