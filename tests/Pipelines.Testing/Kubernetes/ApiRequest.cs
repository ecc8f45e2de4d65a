namespace Pipelines.Testing.Kubernetes;

/// <summary>A request the stand-in received, kept so that tests can await a signal (a watch opened, a list made).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string values.</param>
/// <param name="IsWatch">True for a watch.</param>
/// <param name="ResourceVersion">The <c>resourceVersion</c> asked for, if any.</param>
public sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, bool IsWatch, string? ResourceVersion);
