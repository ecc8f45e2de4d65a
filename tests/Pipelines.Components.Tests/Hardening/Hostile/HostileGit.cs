namespace Pipelines.Components.Tests.Hardening.Hostile;

[CollectionDefinition(nameof(HostileGit))]
public sealed class HostileGit : ICollectionFixture<HostileGitScene>;
