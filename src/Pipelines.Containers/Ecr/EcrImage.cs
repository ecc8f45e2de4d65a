namespace Pipelines.Containers.Ecr;

/// <summary>An image in an ECR repository, from DescribeImages.</summary>
/// <param name="Digest">Manifest digest.</param>
/// <param name="Tags">Tags pointing at it.</param>
/// <param name="PushedAt">When it was pushed.</param>
/// <param name="ScanStatus">The scan status (<c>COMPLETE</c>, <c>IN_PROGRESS</c>, …), when scanned.</param>
public sealed record EcrImage(string Digest, IReadOnlyList<string> Tags, DateTimeOffset? PushedAt, string? ScanStatus);
