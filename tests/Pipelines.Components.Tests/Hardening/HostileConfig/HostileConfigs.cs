namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>
/// The hostile config repos share one scene and report peak memory, which is the whole process's: they run on their own,
/// after every parallel collection, so no other test's allocations land in a case's figure.
/// </summary>
[CollectionDefinition(nameof(HostileConfigs), DisableParallelization = true)]
public sealed class HostileConfigs : ICollectionFixture<HostileConfigScene>;
