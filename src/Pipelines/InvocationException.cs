namespace Pipelines;

/// <summary>The build was invoked wrongly (unknown target or parameter, bad value); exits with code 2 and this one line.</summary>
/// <param name="message">One line: which input, what is wrong, what to do.</param>
public class InvocationException(string message) : Exception(message);
