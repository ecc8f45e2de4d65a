namespace Pipelines.Testing.Apps;

/// <summary>How the <see cref="ServedApp"/> answers its app paths (<c>/healthz</c>, <c>/version</c>, any other).</summary>
public enum AppBehaviour
{
    /// <summary>200 with the expected content.</summary>
    Healthy,

    /// <summary>500 with a short error body.</summary>
    Failing,

    /// <summary>Takes the request and never sends a byte of the answer.</summary>
    Silent,

    /// <summary>200 with a body of 64 MiB, sent as fast as the client reads it.</summary>
    HugeBody,

    /// <summary>200, then the body one byte every half second, without end.</summary>
    SlowDrip,
}
