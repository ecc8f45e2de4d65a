using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>ECR answered with an error. <see cref="ErrorType"/> is the short <c>__type</c>, e.g. <c>RepositoryNotFoundException</c>.</summary>
public class EcrException(string errorType, ErrorTextBuilder problem, ErrorTextBuilder remedy, int statusCode)
    : PipelinesException(FailureKind.Failure, null, problem, remedy)
{
    /// <summary>The error's short type name from <c>__type</c>.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;
}
