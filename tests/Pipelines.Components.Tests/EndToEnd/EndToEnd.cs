namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>Tests that point the process's temporary directory (TMPDIR) somewhere they search afterwards, so they run on their own.</summary>
[CollectionDefinition(nameof(EndToEnd), DisableParallelization = true)]
public sealed class EndToEnd;
