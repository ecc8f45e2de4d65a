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
    /// <exception cref="ManifestLimitException">environments.yaml is past a bound of <see cref="ManifestLimits"/>.</exception>
    /// <exception cref="LinkOutsideRepoException">environments.yaml or clusters/ is a link out of the checkout.</exception>
    public static EnvironmentCatalog Load(string repoRoot)
    {
        var (root, _) = ConfigTree.Resolve(repoRoot, null);
        var file = Inside(root, FileName);
        if (file is not null && File.Exists(file))
            return Parse(FileName, Read(file));
        if (file is null && new FileInfo(Path.Join(root, FileName)).LinkTarget is not null)
            throw new ManifestParseException(FileName, 1, "it is a link to a file that does not exist");
        var clusters = Inside(root, "clusters");
        var names = clusters is not null && Directory.Exists(clusters)
            ? Directory.GetDirectories(clusters).Select(Path.GetFileName).Order(StringComparer.Ordinal).AsEnumerable()
            : Enumerable.Empty<string?>();
        return new EnvironmentCatalog(names.Select(n => new DeploymentEnvironment(n!, DeploymentEnvironment.ConventionalPath(n!), PushMode.Push)).ToList());
    }

    /// <summary>Parses the text of an environments.yaml.</summary>
    /// <exception cref="ManifestParseException">The text is not a valid catalog.</exception>
    /// <exception cref="ManifestLimitException">The text is past a bound of <see cref="ManifestLimits"/>.</exception>
    public static EnvironmentCatalog Parse(string text) => Parse(FileName, text);

    /// <summary>Where <paramref name="name"/> at the root really is; null when nothing is there. A link that leads out
    /// of the checkout is refused, not followed.</summary>
    static string? Inside(string root, string name)
    {
        var real = ClonePath.Resolve(Path.Join(root, name), out var link);
        if (link is not null && (real is null || !ClonePath.IsInside(root, real)))
            throw new LinkOutsideRepoException(name);
        return real is not null && (File.Exists(real) || Directory.Exists(real)) ? real : null;
    }

    static string Read(string file)
    {
        using var handle = File.OpenHandle(file);
        var size = RandomAccess.GetLength(handle);
        if (size > ManifestLimits.MaxFileBytes)
            throw new ManifestLimitException(FileName, null, $"is {size / 1048576.0:F1} MiB, more than the {ManifestLimits.MaxFileBytes / 1048576} MiB a catalog may be");
        var bytes = new byte[size];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(read), read) is var n and > 0)
            read += n;
        return ManifestEncoding.Detect(bytes).Decode(FileName, bytes.AsSpan(0, read));
    }

    static EnvironmentCatalog Parse(string file, string text)
    {
        var documents = ManifestDocuments.Load(file, text);
        var list = new List<DeploymentEnvironment>();
        if (documents.Count == 0 || documents[0] is not { } rootNode || IsEmpty(rootNode))
            return new EnvironmentCatalog(list);
        if (rootNode is not ManifestMapping root)
            throw Shape(file, rootNode, $"its root must be a mapping holding 'environments', not {Kind(rootNode)}");
        var environments = ReferenceRules.Child(root, "environments");
        if (environments is null || IsEmpty(environments))
            return new EnvironmentCatalog(list);
        if (environments is not ManifestMapping byName)
            throw Shape(file, environments, $"'environments' must map names to settings, not be {Kind(environments)}");
        for (var i = 0; i < byName.Count; i++)
        {
            var (key, value) = (byName.Keys[i], byName.Values[i]);
            if (key is not ManifestScalar { Value: { Length: > 0 } name })
                throw Shape(file, key, $"an environment name must be a plain name, not {Kind(key)}");
            if (value is not ManifestMapping && !IsEmpty(value))
                throw Shape(file, value, $"environment '{name}' must be a mapping of path and pushMode, not {Kind(value)}");
            var path = Setting(file, value, name, "path") ?? DeploymentEnvironment.ConventionalPath(name);
            var mode = Setting(file, value, name, "pushMode") switch
            {
                null or "push" => PushMode.Push,
                "pull-request" => PushMode.PullRequest,
                var other => throw new ManifestParseException(file, value.Start.Line, $"pushMode '{other}' is neither push nor pull-request"),
            };
            list.Add(new DeploymentEnvironment(name, path.Trim('/'), mode));
        }
        return new EnvironmentCatalog(list);
    }

    static string? Setting(string file, ManifestNode settings, string environment, string key) => ReferenceRules.Child(settings, key) switch
    {
        null => null,
        ManifestScalar scalar => scalar.Value,
        var other => throw Shape(file, other, $"the {key} of environment '{environment}' must be a scalar, not {Kind(other)}"),
    };

    // What YAML reads as null: nothing there, or a plain null.
    static bool IsEmpty(ManifestNode node) => node is ManifestScalar { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    static string Kind(ManifestNode node) => node switch
    {
        ManifestSequence => "a sequence",
        ManifestMapping => "a mapping",
        _ => "a scalar",
    };

    static ManifestParseException Shape(string file, ManifestNode node, string reason) => new(file, node.Start.Line, reason);

    /// <summary>The environment named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownEnvironmentException">No environment has that name.</exception>
    /// <param name="name">The environment name.</param>
    /// <param name="input">Which input named it, for the failure (the environment, or a promotion's source or target).</param>
    public DeploymentEnvironment Resolve(string name, Tooling.Input? input = null) =>
        Environments.FirstOrDefault(e => e.Name == name)
        ?? throw new UnknownEnvironmentException(input ?? GitOpsInputs.Environment, name, Environments.Select(e => e.Name).ToList());
}
