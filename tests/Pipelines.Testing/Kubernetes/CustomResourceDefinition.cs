using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// A CustomResourceDefinition the stand-in serves, read from the project's published definition (kept, trimmed, under
/// <c>Kubernetes/Crds/</c>): its names for discovery, its printer columns for <c>kubectl get</c>, and its schema, which every
/// write of such an object is checked against.
/// </summary>
public sealed class CustomResourceDefinition
{
    private readonly JsonObject _schema;

    private CustomResourceDefinition(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var version = spec["versions"]!.AsArray()[0]!.AsObject();
        Name = (string)crd["metadata"]!["name"]!;
        Group = (string)spec["group"]!;
        Version = (string)version["name"]!;
        Kind = (string)names["kind"]!;
        Plural = (string)names["plural"]!;
        Singular = (string)names["singular"]!;
        ShortNames = (names["shortNames"] as JsonArray ?? []).Select(n => (string)n!).ToArray();
        Categories = (names["categories"] as JsonArray ?? []).Select(n => (string)n!).ToArray();
        Namespaced = (string?)spec["scope"] == "Namespaced";
        PrinterColumns = (version["additionalPrinterColumns"] as JsonArray ?? [])
            .Select(c => new PrinterColumn((string)c!["name"]!, (string)c["type"]!, (string)c["jsonPath"]!, (int?)c["priority"] ?? 0)).ToList();
        _schema = version["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    /// <summary>Argo Rollouts' Rollout (argoproj.io/v1alpha1).</summary>
    public static CustomResourceDefinition ArgoRollout { get; } = Load("argo-rollouts-rollout.yaml");

    /// <summary>Flagger's Canary (flagger.app/v1beta1).</summary>
    public static CustomResourceDefinition FlaggerCanary { get; } = Load("flagger-canary.yaml");

    /// <summary><c>plural.group</c>.</summary>
    public string Name { get; }

    /// <summary>API group.</summary>
    public string Group { get; }

    /// <summary>The served version.</summary>
    public string Version { get; }

    /// <summary>Kind.</summary>
    public string Kind { get; }

    /// <summary>Plural resource name.</summary>
    public string Plural { get; }

    /// <summary>Singular resource name.</summary>
    public string Singular { get; }

    /// <summary>Short names (<c>ro</c>).</summary>
    public IReadOnlyList<string> ShortNames { get; }

    /// <summary>Categories (<c>all</c>).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Whether objects live in a namespace.</summary>
    public bool Namespaced { get; }

    /// <summary>What <c>kubectl get</c> shows.</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; }

    /// <summary>Checks <paramref name="obj"/> against the schema as the API server does before storing it; drops unknown fields when
    /// <paramref name="mode"/> is <see cref="FieldValidation.Prune"/>.</summary>
    /// <exception cref="StoreException">422 with every violation, or 400 for an unknown field under <see cref="FieldValidation.Strict"/>.</exception>
    public void Admit(JsonObject obj, FieldValidation mode)
    {
        var errors = StructuralSchema.Check(obj, _schema, mode);
        if (errors.Count == 0) return;
        var name = (string?)obj["metadata"]?["name"] ?? "";
        if (errors.All(e => e.StartsWith("unknown field", StringComparison.Ordinal)))
            throw new StoreException(400, "BadRequest", $"{Kind} in version \"{Version}\" cannot be handled as a {Kind}: strict decoding error: {string.Join(", ", errors)}");
        throw new StoreException(422, "Invalid", $"{Kind}.{Group} \"{name}\" is invalid: [{string.Join(", ", errors)}]");
    }

    private static CustomResourceDefinition Load(string file)
    {
        using var stream = typeof(CustomResourceDefinition).Assembly.GetManifestResourceStream("crds/" + file)
            ?? throw new InvalidOperationException($"the resource definition {file} is not embedded in the test fixtures");
        var yaml = new YamlStream();
        yaml.Load(new StreamReader(stream));
        return new CustomResourceDefinition(YamlJson.Convert(yaml.Documents[0].RootNode)!.AsObject());
    }
}
