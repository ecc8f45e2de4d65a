using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>A commit could not be signed with the signing key, or its signature did not verify: the key cannot be read or
/// cannot sign, or the passphrase does not unlock it. Raised before anything is pushed.</summary>
public sealed class CommitSigningException(FailureKind kind, Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : GitOpsException(kind, input, problem, remedy, inner);
