using Pipelines.Containers.Aws;
using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;

namespace Pipelines.Components;

/// <summary>Turns the container library's one-line failures into target failures (printed without a stack trace, exit 1).</summary>
static class ContainerTargetFailures
{
    public static async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ImageTagRefusedException or ArgumentException)
        {
            // A refused tag or a malformed value (region, repository) is the command line's fault: exit 2, one line.
            throw new InvocationException(ex is ArgumentException { ParamName: { } name } a ? a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message);
        }
        catch (Exception ex) when (ex is ImageTagConflictException or EcrException or RegistryException
            or AwsIdentityException or ScanGateFailedException or FormatException or HttpRequestException or TimeoutException)
        {
            throw new TargetFailedException(ex.Message.ReplaceLineEndings(" "));
        }
    }

    public static ImageBuildResult ToBuildResult(BuiltImage image) => new(
        image.LocalReference, image.Tag, image.Digest, image.SourceCommit,
        string.Equals(image.Builder, "dotnet", StringComparison.OrdinalIgnoreCase) ? ImageBuilderKind.Dotnet : ImageBuilderKind.Docker,
        PublishedTo: image.PushedBy);
}
