using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>A value given to a change is malformed or refused: an image repository, tag or digest (such as the mutable
/// <c>latest</c>), a GitHub repository name.</summary>
public sealed class InvalidInputException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : GitOpsException(FailureKind.BadInput, input, problem, remedy);
