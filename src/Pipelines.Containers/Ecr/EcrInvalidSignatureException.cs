using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>ECR refused the request's signature or credentials.</summary>
public sealed class EcrInvalidSignatureException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
