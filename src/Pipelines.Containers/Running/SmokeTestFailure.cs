namespace Pipelines.Containers.Running;

/// <summary>Why a smoke test failed.</summary>
public enum SmokeTestFailure
{
    /// <summary>The engine refused to start the container (a missing entry point, a port it cannot publish).</summary>
    NotStarted,

    /// <summary>The container exited before it answered.</summary>
    Exited,

    /// <summary>The kernel killed the container for running out of memory.</summary>
    OutOfMemory,

    /// <summary>Nothing accepted connections on the container port within the start timeout.</summary>
    NeverListened,

    /// <summary>Connections were accepted, but no HTTP answer came within the start timeout.</summary>
    NoAnswer,

    /// <summary>It answered with a status code that is not accepted.</summary>
    UnexpectedStatus,

    /// <summary>The image's <c>HEALTHCHECK</c> reported unhealthy or did not pass within the start timeout.</summary>
    Unhealthy,
}
