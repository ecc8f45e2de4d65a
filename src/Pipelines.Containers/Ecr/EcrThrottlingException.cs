using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>ECR throttled the request after all retries.</summary>
public sealed class EcrThrottlingException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
