using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The credentials may not call this ECR operation (AccessDeniedException).</summary>
public sealed class EcrAccessDeniedException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
