namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// The bad-input cases change process environment variables (the AWS SDK reads its credentials there) and share one
/// scene, so they run on their own.
/// </summary>
[CollectionDefinition(nameof(BadInputs), DisableParallelization = true)]
public sealed class BadInputs : ICollectionFixture<BadInputScene>;
