using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The ECR repository does not exist.</summary>
public sealed class EcrRepositoryNotFoundException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
