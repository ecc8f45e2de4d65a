using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The ECR repository already exists.</summary>
public sealed class EcrRepositoryAlreadyExistsException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
