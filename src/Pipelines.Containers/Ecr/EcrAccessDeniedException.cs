namespace Pipelines.Containers.Ecr;

/// <summary>The credentials may not call this ECR operation (AccessDeniedException).</summary>
public sealed class EcrAccessDeniedException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
