using Pipelines.Tooling;

namespace Pipelines.Containers.Registry;

/// <summary>A registry request failed; the message names the registry, the request and what to do.</summary>
public class RegistryException(ErrorTextBuilder problem, int statusCode, ErrorTextBuilder remedy, Exception? inner = null)
    : PipelinesException(FailureKind.Failure, null, problem, remedy, inner)
{
    /// <summary>The HTTP status code, or 0 when no response arrived.</summary>
    public int StatusCode { get; } = statusCode;
}
