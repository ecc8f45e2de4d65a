namespace Pipelines.CiGeneration;

/// <summary>A CI attribute on the build class names something the build does not have, or contradicts itself.
/// It is an invocation error: the run exits with code 2 and this one line.</summary>
/// <param name="message">One line: which attribute, what is wrong, what to do.</param>
public sealed class CiConfigurationException(string message) : InvocationException(message);
