using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// A Service port as the API server's service proxy names it: <c>namespace/name:port</c>, the port a Service port's name
/// (<c>http</c>) or number (<c>80</c>), checked against the API server's own rules before any request (namespace an RFC 1123
/// label, Service name an RFC 1035 label, port name an IANA service name).
/// </summary>
/// <param name="Namespace">The Service's namespace.</param>
/// <param name="Name">The Service's name.</param>
/// <param name="Port">The Service port's name or number.</param>
public sealed partial record ServiceAddress(string Namespace, string Name, string Port)
{
    /// <summary>Parses <c>namespace/name:port</c>.</summary>
    /// <exception cref="KubernetesInputException">It is not of that form, or a part breaks its rule.</exception>
    public static ServiceAddress Parse(string text, Input input)
    {
        var slash = text.IndexOf('/');
        var colon = text.LastIndexOf(':');
        if (slash <= 0 || colon < slash + 2 || colon == text.Length - 1)
            throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' is not namespace/name:port",
                $"pass e.g. gitops-app-demo/gitops-app-demo:http (the port's name or number)");
        var (ns, name, port) = (text[..slash], text[(slash + 1)..colon], text[(colon + 1)..]);
        KubernetesNameRules.RequireNamespace(ns, input, text);
        if (name.Length > 63 || !ServiceName().IsMatch(name))
            throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' has Service name '{ControlCharacters.Escape(name)}', which is not a valid Service name (RFC 1035 label: a lowercase letter, then lowercase letters, digits and '-', at most 63)",
                $"pass the name as `kubectl get services` shows it");
        var number = int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n);
        if (number ? n is < 1 or > 65535 : port.Length > 15 || !PortName().IsMatch(port) || port.Contains("--", StringComparison.Ordinal))
            throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' has port '{ControlCharacters.Escape(port)}', which is neither a port number nor a port name",
                $"pass the Service port's name or number as `kubectl get service {name} -n {ns} -o yaml` shows it");
        return new ServiceAddress(ns, name, port);
    }

    /// <summary>The proxy path on the API server: <c>/api/v1/namespaces/{ns}/services/{name}:{port}/proxy</c>.</summary>
    public string ProxyPath => $"/api/v1/namespaces/{Namespace}/services/{Name}:{Port}/proxy";

    /// <summary><c>namespace/name:port</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}:{Port}";

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceName();

    // IANA service name: lowercase letters, digits and '-', at least one letter, no leading or trailing '-'.
    [GeneratedRegex("^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortName();
}
