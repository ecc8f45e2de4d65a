namespace Pipelines.Testing.Faults;

/// <summary>What the proxy did to one connection.</summary>
public enum FaultKind
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Both sides reset (RST) after some bytes had passed.</summary>
    Reset,

    /// <summary>Held back for a while, then forwarded.</summary>
    Delay,

    /// <summary>Answered with an HTTP error status without reaching the target.</summary>
    HttpError,
}
