namespace Pipelines;

/// <summary>
/// A build target: a function over a fluent definition, declared as a property
/// (<c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>).
/// </summary>
/// <param name="_">The definition to configure.</param>
/// <returns>The configured definition.</returns>
public delegate ITargetDefinition Target(ITargetDefinition _);
