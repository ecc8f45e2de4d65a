namespace Pipelines.Containers.Ecr;

/// <summary>The ECR repository already exists.</summary>
public sealed class EcrRepositoryAlreadyExistsException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
