using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>An address a check requests directly (an ingress, a load balancer, a Prometheus server): absolute http or https,
/// with a host, and without user-info (a check sends no credentials) or fragment.</summary>
public static class AppUrl
{
    /// <summary>Parses <paramref name="text"/>, or refuses it naming <paramref name="input"/>.</summary>
    /// <exception cref="KubernetesInputException">It is not such a URL.</exception>
    public static Uri Parse(string text, Input input)
    {
        var shown = ControlCharacters.Escape(UrlCredentials.Mask(text.Length <= 120 ? text : text[..100] + "…", SecretMasker.Mask));
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new KubernetesInputException(input, $"'{shown}' is not an http or https URL", $"give e.g. https://app.example.cn/healthz");
        if (uri.UserInfo.Length > 0)
            throw new KubernetesInputException(input, $"'{shown}' carries credentials, which a check never sends", $"give the URL without user:password@");
        if (uri.Fragment.Length > 0)
            throw new KubernetesInputException(input, $"'{shown}' has a fragment (#…), which is never sent", $"leave it out");
        return uri;
    }
}
