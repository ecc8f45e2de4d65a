namespace Pipelines.Containers.Ecr;

/// <summary>ECR rejected the request signature.</summary>
public sealed class EcrInvalidSignatureException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
