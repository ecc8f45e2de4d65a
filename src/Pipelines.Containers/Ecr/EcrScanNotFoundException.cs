namespace Pipelines.Containers.Ecr;

/// <summary>No image scan exists for the image.</summary>
public sealed class EcrScanNotFoundException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
