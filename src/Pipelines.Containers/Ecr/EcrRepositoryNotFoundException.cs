namespace Pipelines.Containers.Ecr;

/// <summary>The ECR repository does not exist.</summary>
public sealed class EcrRepositoryNotFoundException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
