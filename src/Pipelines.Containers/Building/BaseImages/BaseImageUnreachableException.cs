using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>The base image's registry (or mirror) does not answer, and no offline base may stand in for it.</summary>
public sealed class BaseImageUnreachableException(string reference, string why, bool offlinePossible)
    : PipelinesException(FailureKind.Failure, ContainerInputs.BaseImage, $"{reference} cannot be pulled: {why}",
        offlinePossible
            ? ErrorText.Of($"give a {ContainerInputs.BaseImage} or a {ContainerInputs.BaseImageMirror} this machine reaches, or allow the {ContainerInputs.OfflineBase}")
            : ErrorText.Of($"give a {ContainerInputs.BaseImage} or a {ContainerInputs.BaseImageMirror} this machine reaches"))
{
    /// <summary>The reference that could not be pulled.</summary>
    public string Reference { get; } = reference;
}
