using Pipelines.Tooling;

namespace Pipelines.Containers.Publishing;

/// <summary>The tag already holds a different image and cannot be moved (immutable tags), or <c>latest</c> was asked for on an
/// immutable repository.</summary>
public sealed class ImageTagConflictException(FailureKind kind, Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : PipelinesException(kind, input, problem, remedy);
