namespace Pipelines.Kubernetes;

/// <summary>A Flux object by <c>namespace/name</c>.</summary>
/// <param name="Namespace">Namespace, e.g. <c>flux-system</c>.</param>
/// <param name="Name">Name.</param>
public sealed record FluxObjectReference(string Namespace, string Name)
{
    /// <summary>Parses <c>namespace/name</c>; <paramref name="input"/> names the input in the error.</summary>
    /// <exception cref="KubernetesInputException">The text is not of that form.</exception>
    public static FluxObjectReference Parse(string text, Tooling.Input input)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? new FluxObjectReference(parts[0], parts[1])
            : throw new KubernetesInputException(input, $"'{text}' is not namespace/name", $"pass e.g. flux-system/apps");
    }

    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
