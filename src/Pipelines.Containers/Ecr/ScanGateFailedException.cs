using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The image scan found findings at or above the allowed severity, or did not complete in time.</summary>
public sealed class ScanGateFailedException(ErrorTextBuilder problem, ErrorTextBuilder remedy, EcrScanFindings? findings)
    : PipelinesException(FailureKind.Failure, null, problem, remedy)
{
    /// <summary>The scan result, when the scan completed.</summary>
    public EcrScanFindings? Findings { get; } = findings;
}
