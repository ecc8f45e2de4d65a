namespace Pipelines.Testing.Kubernetes;

/// <summary>A request the stand-in received, kept so that tests can await a signal (a watch opened, a list made).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string values.</param>
/// <param name="IsWatch">True for a watch.</param>
/// <param name="ResourceVersion">The <c>resourceVersion</c> asked for, if any.</param>
/// <param name="Authorization">The Authorization header, if any (to check credential plugins).</param>
/// <param name="ContentType">The request's content type (to check patch types).</param>
public sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, bool IsWatch, string? ResourceVersion,
    string? Authorization = null, string? ContentType = null)
{
    /// <summary>Who the stand-in took the request to come from: a certificate's CN, a token's user, <c>system:anonymous</c>, or the
    /// user it impersonates; null when refused (401, or 403 for an impersonation the caller may not make).</summary>
    public string? User { get; init; }

    /// <summary>The request's <c>Impersonate-*</c> headers as <c>Name: value</c>, in order.</summary>
    public IReadOnlyList<string> Impersonation { get; init; } = [];

    /// <summary>True for a watch of <paramref name="plural"/> (e.g. <c>deployments</c>).</summary>
    public bool IsWatchOf(string plural) => IsWatch && Path.EndsWith("/" + plural, StringComparison.Ordinal);

    /// <summary>True for a list (not a watch) of <paramref name="plural"/>.</summary>
    public bool IsListOf(string plural) => Method == "GET" && !IsWatch && Path.EndsWith("/" + plural, StringComparison.Ordinal);
}
