using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The tag already exists on an immutable ECR repository.</summary>
public sealed class EcrImageTagAlreadyExistsException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
