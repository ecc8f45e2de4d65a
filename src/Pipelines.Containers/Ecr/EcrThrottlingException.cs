namespace Pipelines.Containers.Ecr;

/// <summary>ECR throttled the request after all retries.</summary>
public sealed class EcrThrottlingException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
