using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// A failure of a config-repo change, in this library's words: which input, what is wrong, what to do, and whether it is
/// bad input. Derived types name the failure kind.
/// </summary>
public abstract class GitOpsException(FailureKind kind, Input? input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : PipelinesException(kind, input, problem, remedy, inner);
