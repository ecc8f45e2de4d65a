using Pipelines.Components;
using Pipelines.Containers.Building;

namespace Pipelines.Components;

/// <summary>DockerBuild: builds the app's image (docker CLI, or daemonless with the .NET SDK) tagged with the commit's short SHA.</summary>
public interface IDockerBuild : IContainerParameters
{
    /// <summary>Builds the image and records it as the <c>image</c> output.</summary>
    Target DockerBuild => _ => _
        .Description("Build the app's container image, tagged with the commit's short SHA")
        .Executes(async ct => await ContainerTargetFailures.RunAsync(async () =>
        {
            var options = CreateImageBuildOptions();
            var result = await new ImageBuilder(Tools).BuildAsync(options, ct).ConfigureAwait(false);
            var built = new BuiltImage(result.Reference, result.Tag, result.Digest, result.SourceCommit,
                result.Builder.ToString().ToLowerInvariant(), result.PublishedTo);
            Outputs.Set(BuiltImage.OutputName, built);
            Log.WriteLine($"Built {result.Reference} ({result.Digest}) from {result.SourceCommit}");
            Note($"{result.Reference} {ShortDigest(result.Digest)}");
        }).ConfigureAwait(false));

    /// <summary><c>sha256:</c> and the first 12 hex digits, for summary notes.</summary>
    static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
