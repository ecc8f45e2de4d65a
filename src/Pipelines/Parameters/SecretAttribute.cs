namespace Pipelines;

/// <summary>Marks a parameter whose value is masked wherever it could be printed.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
