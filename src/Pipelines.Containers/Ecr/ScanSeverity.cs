namespace Pipelines.Containers.Ecr;

/// <summary>Finding severities in increasing order, as ECR names them.</summary>
public enum ScanSeverity
{
    /// <summary>No severity assigned.</summary>
    Undefined,
    /// <summary>Informational.</summary>
    Informational,
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
    /// <summary>Critical.</summary>
    Critical,
}
