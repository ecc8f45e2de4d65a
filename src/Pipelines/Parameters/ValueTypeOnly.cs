namespace Pipelines;

/// <summary>Never instantiated: an optional parameter type that steers overload resolution to value types.</summary>
/// <typeparam name="T">The parameter type.</typeparam>
public sealed class ValueTypeOnly<T> where T : struct
{
    ValueTypeOnly() { }
}
