namespace Pipelines.Containers.Running;

/// <summary>How a request went.</summary>
internal enum ProbeOutcome
{
    /// <summary>An HTTP answer came.</summary>
    Answered,

    /// <summary>The connection was refused, closed or reset before an answer.</summary>
    NotListening,

    /// <summary>The connection stayed open, but no answer came within the bound.</summary>
    Silent,
}
