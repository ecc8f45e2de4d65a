using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>No Docker engine answers where the docker CLI looks for one.</summary>
/// <param name="host">The engine address tried, e.g. <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="reason">The CLI's own first error line, or why it could not ask.</param>
public sealed class ContainerEngineUnavailableException(string host, string reason)
    : PipelinesException(FailureKind.Failure, ContainerInputs.Engine, $"at {host} does not answer ({reason})",
        $"start it (or point DOCKER_HOST at one), or build daemonless with the dotnet {ContainerInputs.ImageBuilder}")
{
    /// <summary>The engine address tried.</summary>
    public string Host { get; } = host;
}
