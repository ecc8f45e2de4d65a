using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>ECR has no scan of the image (yet).</summary>
public sealed class EcrScanNotFoundException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : EcrException(errorType, problem, remedy, statusCode);
