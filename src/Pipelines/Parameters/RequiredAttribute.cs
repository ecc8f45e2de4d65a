namespace Pipelines;

/// <summary>Marks a parameter that must have a value before anything runs.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
