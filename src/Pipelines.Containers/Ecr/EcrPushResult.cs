namespace Pipelines.Containers.Ecr;

/// <summary>What a push to ECR did.</summary>
/// <param name="RepositoryUri">The repository URI (registry host and name).</param>
/// <param name="Tag">The tag.</param>
/// <param name="Digest">The manifest digest read back from the registry.</param>
/// <param name="Skipped">True when the tag already held this image.</param>
/// <param name="RepositoryCreated">True when the repository was created by this push.</param>
/// <param name="AccountId">The registry's account.</param>
/// <param name="TaggedLatest">True when <c>latest</c> now points at the image.</param>
/// <param name="ScanFindings">The scan result when a scan gate ran; otherwise null.</param>
public sealed record EcrPushResult(string RepositoryUri, string Tag, string Digest, bool Skipped, bool RepositoryCreated, string AccountId, bool TaggedLatest, EcrScanFindings? ScanFindings);
