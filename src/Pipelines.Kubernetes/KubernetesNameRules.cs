using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// The API server's own rules for the names a wait sends, checked before any request so a bad name is a one-line bad input
/// rather than a 404 or a 422 from the cluster: namespaces are RFC 1123 labels (at most 63 characters), object names RFC 1123
/// subdomains (at most 253 characters, dot-separated labels).
/// </summary>
public static partial class KubernetesNameRules
{
    /// <summary>The longest namespace.</summary>
    public const int MaxNamespaceLength = 63;

    /// <summary>The longest object name.</summary>
    public const int MaxObjectNameLength = 253;

    /// <summary>Refuses <paramref name="value"/> unless it is a valid namespace; <paramref name="input"/> and <paramref name="given"/>
    /// (the whole value the user gave, when the namespace is part of it) name it in the error.</summary>
    /// <exception cref="KubernetesInputException">It is not.</exception>
    public static void RequireNamespace(string value, Input input, string? given = null)
    {
        if (value.Length <= MaxNamespaceLength && Label().IsMatch(value)) return;
        throw Refused(value, input, given, "namespace",
            value.Length > MaxNamespaceLength ? $"is {value.Length} characters long, over the {MaxNamespaceLength} a namespace may have"
                : "is not a valid namespace (RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit)");
    }

    /// <summary>Refuses <paramref name="value"/> unless it is a valid object name (Deployment, StatefulSet, DaemonSet, Flux object).</summary>
    /// <exception cref="KubernetesInputException">It is not.</exception>
    public static void RequireObjectName(string value, Input input, string? given = null)
    {
        if (value.Length <= MaxObjectNameLength && Subdomain().IsMatch(value)) return;
        throw Refused(value, input, given, "name",
            value.Length > MaxObjectNameLength ? $"is {value.Length} characters long, over the {MaxObjectNameLength} an object name may have"
                : "is not a valid object name (RFC 1123 subdomain: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit)");
    }

    private static KubernetesInputException Refused(string value, Input input, string? given, string part, string problem)
    {
        var whole = given is null || given == value ? "" : $"{Quote(given)} has {part} ";
        return new KubernetesInputException(input, $"{whole}{Quote(value)} {problem}", $"pass the name as `kubectl get` shows it");
    }

    // A 300-character value is named by its start and its length, so the error stays one readable line.
    private static string Quote(string value) =>
        "'" + ControlCharacters.Escape(value.Length <= 64 ? value : value[..40] + "…") + "'";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
