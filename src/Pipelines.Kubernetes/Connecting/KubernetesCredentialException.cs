using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// The kubeconfig user's credentials cannot be had: a token file that cannot be read, a client key that is not a key, or an exec
/// credential plugin that is missing, fails, hangs past its bound or prints something that is not an ExecCredential. Not a
/// rollout failure: nothing is known of the rollout, so no automatic rollback follows it. The message
/// never holds a credential nor what the plugin printed.
/// </summary>
public sealed class KubernetesCredentialException(FailureKind kind, Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : PipelinesException(kind, input, problem, remedy, inner);
