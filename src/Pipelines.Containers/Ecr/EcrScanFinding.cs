namespace Pipelines.Containers.Ecr;

/// <summary>One finding of an image scan.</summary>
/// <param name="Name">The finding's name, e.g. a CVE id.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Description">Short description, if any.</param>
/// <param name="Uri">Link to details, if any.</param>
public sealed record EcrScanFinding(string Name, ScanSeverity Severity, string? Description, string? Uri);
