using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// The path (and query) a check requests behind the service proxy. Dot segments are refused: a client resolves
/// <c>proxy/../../secrets</c> before it sends it, so the request would leave the proxy and reach another API with the
/// kubeconfig's credentials. Only the characters of an RFC 3986 path and query are accepted, so nothing is re-encoded.
/// </summary>
public static partial class RequestPath
{
    /// <summary>Returns <paramref name="text"/> when it is a safe absolute path, else refuses it naming <paramref name="input"/>.</summary>
    /// <exception cref="KubernetesInputException">It is not.</exception>
    public static string Check(string text, Input input)
    {
        var shown = ControlCharacters.Escape(text.Length <= 80 ? text : text[..60] + "…");
        if (text.Length is 0 or > 2048 || text[0] != '/' || !PathAndQuery().IsMatch(text))
            throw new KubernetesInputException(input, $"'{shown}' is not an absolute path such as /healthz",
                $"give a path that starts with / and uses only URL characters (percent-encode the others)");
        var path = text.Split('?', 2)[0];
        var decoded = Uri.UnescapeDataString(path);
        if (decoded.Split('/').Any(s => s is "." or "..") || decoded.Contains('\\'))
            throw new KubernetesInputException(input, $"'{shown}' has a '.' or '..' segment, which would lead out of the service proxy",
                $"give the app's own path, without dot segments");
        return text;
    }

    [GeneratedRegex(@"^/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PathAndQuery();
}
