using Pipelines.Tooling;

namespace Pipelines.Containers.Publishing;

/// <summary>Another push of the same tag on this machine held its lock for the whole wait.</summary>
public sealed class PushLockTimeoutException(string target, TimeSpan timeout)
    : PipelinesException(FailureKind.Failure, null, $"another push of {target} on this machine held its lock for more than {timeout}", $"wait for it or stop it, then push again");
