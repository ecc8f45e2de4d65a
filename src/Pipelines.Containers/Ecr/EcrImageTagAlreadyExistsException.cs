namespace Pipelines.Containers.Ecr;

/// <summary>An immutable tag already points at another image.</summary>
public sealed class EcrImageTagAlreadyExistsException(string errorType, string message, int statusCode) : EcrException(errorType, message, statusCode);
