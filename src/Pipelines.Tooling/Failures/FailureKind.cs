namespace Pipelines.Tooling;

/// <summary>Whose move it is after a failure.</summary>
public enum FailureKind
{
    /// <summary>The input is wrong (a malformed value, a name that does not exist): fix it and run again. A build exits 2.</summary>
    BadInput,

    /// <summary>Something failed that a correct input cannot prevent (a peer refused, a rollout failed). A build exits 1.</summary>
    Failure,
}
