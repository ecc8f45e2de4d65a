namespace Pipelines;

/// <summary>Never instantiated: an optional parameter type that steers overload resolution to reference types.</summary>
/// <typeparam name="T">The parameter type.</typeparam>
public sealed class ReferenceTypeOnly<T> where T : class?
{
    ReferenceTypeOnly() { }
}
