namespace Pipelines.Testing.Kubernetes;

/// <summary>A request the stand-in refuses, carried to the client as a <c>Status</c> with the same code a real server uses.</summary>
public sealed class StoreException(int code, string reason, string message) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>Status reason, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Expired</c>.</summary>
    public string Reason { get; } = reason;
}
