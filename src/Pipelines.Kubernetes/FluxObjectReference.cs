namespace Pipelines.Kubernetes;

/// <summary>A Flux object by <c>namespace/name</c>.</summary>
/// <param name="Namespace">Namespace, e.g. <c>flux-system</c>.</param>
/// <param name="Name">Name.</param>
public sealed record FluxObjectReference(string Namespace, string Name)
{
    /// <summary>Parses <c>namespace/name</c>; <paramref name="input"/> names the input in the error.</summary>
    /// <exception cref="KubernetesInputException">The text is not of that form, or its namespace or name breaks RFC 1123.</exception>
    public static FluxObjectReference Parse(string text, Tooling.Input input)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            throw new KubernetesInputException(input, $"'{Tooling.ControlCharacters.Escape(text)}' is not namespace/name", $"pass e.g. flux-system/apps");
        KubernetesNameRules.RequireNamespace(parts[0], input, text);
        KubernetesNameRules.RequireObjectName(parts[1], input, text);
        return new FluxObjectReference(parts[0], parts[1]);
    }

    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
