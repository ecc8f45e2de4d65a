namespace Pipelines.Containers.Registry;

/// <summary>A registry request failed; the message is one line naming the registry, the request and what to do.</summary>
public class RegistryException(string message, int statusCode) : Exception(message)
{
    /// <summary>The HTTP status code, or 0 when no response arrived.</summary>
    public int StatusCode { get; } = statusCode;
}
