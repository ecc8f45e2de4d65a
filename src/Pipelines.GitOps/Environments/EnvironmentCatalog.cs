using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps;

/// <summary>
/// The environments a config repo defines. The source is the repo itself, so every pipeline that bumps it agrees:
/// an <c>environments.yaml</c> at its root when present
/// (<c>environments: {prod: {path: clusters/prod, pushMode: pull-request}}</c>), otherwise each folder under
/// <c>clusters/</c> is an environment of that name that takes direct pushes.
/// </summary>
public sealed class EnvironmentCatalog
{
    /// <summary>The file name read at the config repo root.</summary>
    public const string FileName = "environments.yaml";

    EnvironmentCatalog(IReadOnlyList<DeploymentEnvironment> environments) => Environments = environments;

    /// <summary>The environments, in definition order.</summary>
    public IReadOnlyList<DeploymentEnvironment> Environments { get; }

    /// <summary>Reads the catalog from a checkout of the config repo.</summary>
    /// <exception cref="ManifestParseException">environments.yaml is not valid.</exception>
    public static EnvironmentCatalog Load(string repoRoot)
    {
        var file = Path.Combine(repoRoot, FileName);
        if (!File.Exists(file))
        {
            var clusters = Path.Combine(repoRoot, "clusters");
            var names = Directory.Exists(clusters)
                ? Directory.GetDirectories(clusters).Select(Path.GetFileName).Order(StringComparer.Ordinal).AsEnumerable()
                : Enumerable.Empty<string?>();
            return new EnvironmentCatalog(names.Select(n => new DeploymentEnvironment(n!, DeploymentEnvironment.ConventionalPath(n!), PushMode.Push)).ToList());
        }
        return Parse(File.ReadAllText(file));
    }

    /// <summary>Parses the text of an environments.yaml.</summary>
    public static EnvironmentCatalog Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ManifestParseException(FileName, ex.Start.Line, ex.Message, ex);
        }
        var list = new List<DeploymentEnvironment>();
        if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root &&
            ReferenceRules.Child(root, "environments") is YamlMappingNode environments)
        {
            foreach (var (key, value) in environments.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                var path = ReferenceRules.ScalarValue(value, "path") ?? DeploymentEnvironment.ConventionalPath(name);
                var mode = ReferenceRules.ScalarValue(value, "pushMode") switch
                {
                    null or "push" => PushMode.Push,
                    "pull-request" => PushMode.PullRequest,
                    var other => throw new ManifestParseException(FileName, value.Start.Line, $"pushMode '{other}' is neither push nor pull-request"),
                };
                list.Add(new DeploymentEnvironment(name, path.Trim('/'), mode));
            }
        }
        return new EnvironmentCatalog(list);
    }

    /// <summary>The environment named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownEnvironmentException">No environment has that name.</exception>
    /// <param name="name">The environment name.</param>
    /// <param name="input">Which input named it, for the failure (the environment, or a promotion's source or target).</param>
    public DeploymentEnvironment Resolve(string name, Tooling.Input? input = null) =>
        Environments.FirstOrDefault(e => e.Name == name)
        ?? throw new UnknownEnvironmentException(input ?? GitOpsInputs.Environment, name, Environments.Select(e => e.Name).ToList());
}
