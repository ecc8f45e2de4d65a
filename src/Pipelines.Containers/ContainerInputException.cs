using Pipelines.Tooling;

namespace Pipelines.Containers;

/// <summary>A value given to a build or a push cannot be used: the mutable tag <c>latest</c>, an invalid tag, a dirty tree
/// without permission, a region that does not exist. Nothing was built, created or pushed.</summary>
public sealed class ContainerInputException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : PipelinesException(FailureKind.BadInput, input, problem, remedy);
