namespace Pipelines.Containers.Ecr;

/// <summary>The image scan found findings at or above the allowed severity, or did not complete in time.</summary>
public sealed class ScanGateFailedException(string message, EcrScanFindings? findings) : Exception(message)
{
    /// <summary>The scan result, when the scan completed.</summary>
    public EcrScanFindings? Findings { get; } = findings;
}
