using System.Text;

namespace Pipelines.GitOps;

/// <summary>
/// Writes the GitOps config repo template (namespaces, workloads, Helm chart and HelmRelease, and the Flux sync for each
/// environment) into a new or existing directory, made specific to one app. It never overwrites a file whose content
/// differs: such files are reported in <see cref="ConfigRepoScaffold.ConflictingFiles"/> and left alone, so running it
/// again is safe.
/// </summary>
public sealed class ConfigRepoScaffolder
{
    private const string ClustersFolder = "clusters/";

    // Environments without a folder of their own in the template start from this one.
    private const string DefaultTemplateEnvironment = "dev";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The template's files, relative to its root with <c>/</c> separators.</summary>
    public static IReadOnlyList<string> TemplateFiles => ConfigRepoTemplate.Files;

    /// <summary>Scaffolds the config repo described by <paramref name="options"/>.</summary>
    /// <exception cref="InvalidScaffoldOptionException">An option cannot be used; the message says which and why.</exception>
    public async Task<ConfigRepoScaffold> ScaffoldAsync(ConfigRepoScaffoldOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConfigRepoScaffoldValidation.Validate(options);

        var root = Path.GetFullPath(options.TargetDirectory);
        var written = new List<string>();
        var unchanged = new List<string>();
        var conflicting = new List<string>();

        foreach (var (source, target, placeholders) in Plan(options))
        {
            ct.ThrowIfCancellationRequested();
            var content = Utf8.GetBytes(placeholders.Apply(await ConfigRepoTemplate.ReadAsync(source, ct)));
            var path = Path.Combine(root, target.Replace('/', Path.DirectorySeparatorChar));

            if (File.Exists(path))
            {
                var existing = await File.ReadAllBytesAsync(path, ct);
                (existing.AsSpan().SequenceEqual(content) ? unchanged : conflicting).Add(target);
                continue;
            }

            if (!options.DryRun)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // CreateNew: a file that appeared since the check above is not clobbered.
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await file.WriteAsync(content, ct);
            }

            written.Add(target);
        }

        return new ConfigRepoScaffold(root, written, unchanged, conflicting);
    }

    private static IEnumerable<(string Source, string Target, ConfigRepoPlaceholders Placeholders)> Plan(
        ConfigRepoScaffoldOptions options)
    {
        var shared = new ConfigRepoPlaceholders(options);
        var templateEnvironments = TemplateFiles
            .Where(file => file.StartsWith(ClustersFolder, StringComparison.Ordinal))
            .Select(file => file[ClustersFolder.Length..].Split('/')[0])
            .ToHashSet(StringComparer.Ordinal);

        foreach (var file in TemplateFiles.Where(file => !file.StartsWith(ClustersFolder, StringComparison.Ordinal)))
        {
            yield return (file, shared.Apply(file), shared);
        }

        foreach (var environment in options.Environments)
        {
            var from = templateEnvironments.Contains(environment) ? environment : DefaultTemplateEnvironment;
            var prefix = $"{ClustersFolder}{from}/";
            var placeholders = new ConfigRepoPlaceholders(options, from, environment);
            foreach (var file in TemplateFiles.Where(file => file.StartsWith(prefix, StringComparison.Ordinal)))
            {
                yield return (file, $"{ClustersFolder}{environment}/{file[prefix.Length..]}", placeholders);
            }
        }
    }
}
