using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>The image (tag or digest) is not in the ECR repository.</summary>
public sealed class EcrImageNotFoundException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
