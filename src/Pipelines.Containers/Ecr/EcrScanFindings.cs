namespace Pipelines.Containers.Ecr;

/// <summary>An image's scan status and findings, from DescribeImageScanFindings.</summary>
/// <param name="Status"><c>COMPLETE</c>, <c>IN_PROGRESS</c>, <c>FAILED</c>, …</param>
/// <param name="Findings">Findings, most severe first.</param>
public sealed record EcrScanFindings(string Status, IReadOnlyList<EcrScanFinding> Findings);
