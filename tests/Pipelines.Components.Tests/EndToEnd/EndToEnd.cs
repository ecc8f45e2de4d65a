namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>The end-to-end tests change process environment variables, so they run on their own.</summary>
[CollectionDefinition(nameof(EndToEnd), DisableParallelization = true)]
public sealed class EndToEnd;
