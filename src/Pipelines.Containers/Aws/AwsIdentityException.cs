namespace Pipelines.Containers.Aws;

/// <summary>The AWS identity could not be resolved: no credentials, a role in the wrong partition, a failed STS call.</summary>
public sealed class AwsIdentityException(string message, Exception? inner = null) : Exception(message, inner);
