using Pipelines.Containers.Building;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;

namespace Pipelines.Components;

/// <summary>PushImage: pushes the built image to any OCI registry (Harbor, the CNCF registry, a local demo registry), idempotently.</summary>
public interface IPushImage : IContainerParameters
{
    /// <summary>The registry user.</summary>
    [Parameter("Registry user name for PushImage")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    /// <summary>The registry password.</summary>
    [Parameter("Registry password or token for PushImage"), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    /// <summary>Whether the registry's tags are immutable.</summary>
    [Parameter("Treat the registry's tags as immutable: a tag holding another image fails instead of being overwritten")]
    bool ImmutableTags => TryGetValue(() => ImmutableTags) ?? true;

    /// <summary>Pushes the built image to <c>--image-repository</c> and records the <c>pushed-image</c> output.</summary>
    Target PushImage => _ => _
        .Description("Push the image to an OCI registry (--image-repository host/path); skips when already pushed")
        .TryDependsOn<IDockerBuild>(x => x.DockerBuild)
        .Requires(() => ImageRepository)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var built = RecordedImage("push");
            var credentials = RegistryUsername is null ? null : new RegistryCredentials(RegistryUsername, RegistryPassword ?? "");
            var result = await new ImagePublisher(Tools).PushAsync(new ImagePushOptions(built.ToBuildResult(), ImageRepository!)
            {
                Tag = ImageTag,
                Credentials = credentials,
                TagsImmutable = ImmutableTags,
                Rebuild = built.Builder == ImageBuilderKind.Dotnet ? CreateImageBuildOptions() : null,
                Bounds = RegistryBounds,
                Log = Log,
            }, ct).ConfigureAwait(false);
            Outputs.Set(PushedImage.OutputName, new PushedImage(result.Repository, result.Tag, result.Digest, built.SourceCommit));
            Note(result.Skipped ? $"already pushed {result.Reference} (skipped)" : $"pushed {result.Reference}");
        }));
}
