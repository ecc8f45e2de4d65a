using Pipelines.Tooling;

namespace Pipelines.Containers.Aws;

/// <summary>The AWS identity could not be resolved: no credentials, a role in the wrong partition, a failed STS call.</summary>
public sealed class AwsIdentityException(FailureKind kind, Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    : PipelinesException(kind, input, problem, remedy, inner);
