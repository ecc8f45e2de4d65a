namespace Pipelines.Containers.Ecr;

/// <summary>The image is not in the ECR repository.</summary>
public sealed class EcrImageNotFoundException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
