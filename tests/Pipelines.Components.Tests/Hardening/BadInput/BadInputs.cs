namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// The bad-input cases share one scene, and each proves the scene unchanged afterwards, so they run one after another; the
/// collection runs beside the others, since every case gets its variables through its own invocation's environment.
/// </summary>
[CollectionDefinition(nameof(BadInputs))]
public sealed class BadInputs : ICollectionFixture<BadInputScene>;
