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

        // The target folder itself is the caller's choice and may be reached through links; nothing under it is.
        var root = ClonePath.Resolve(Path.GetFullPath(options.TargetDirectory), out _) ?? Path.GetFullPath(options.TargetDirectory);
        var written = new List<string>();
        var unchanged = new List<string>();
        var conflicting = new List<string>();
        var linked = new List<string>();

        foreach (var (source, target, placeholders) in Plan(options))
        {
            ct.ThrowIfCancellationRequested();
            var content = Utf8.GetBytes(placeholders.Apply(await ConfigRepoTemplate.ReadAsync(source, ct)));
            var path = Path.Combine(root, target.Replace('/', Path.DirectorySeparatorChar));

            switch (Obstacle(root, target))
            {
                case PathObstacle.Link:
                    linked.Add(target);
                    continue;
                case PathObstacle.File:
                    conflicting.Add(target);
                    continue;
            }

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

        return new ConfigRepoScaffold(root, written, unchanged, conflicting) { LinkedFiles = linked };
    }

    /// <summary>
    /// What stands in the way of writing <paramref name="target"/>: a link at the file or at a folder on its way (a
    /// repository may hold links, and writing or reading through one could reach any file the agent can), or a file
    /// where a folder should be.
    /// </summary>
    private static PathObstacle Obstacle(string root, string target)
    {
        var current = root;
        var segments = target.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Join(current, segments[i]);
            var entry = new FileInfo(current);
            if (entry.LinkTarget is not null)
                return PathObstacle.Link;
            if (i < segments.Length - 1 && entry.Exists)
                return PathObstacle.File;
        }
        return PathObstacle.None;
    }

    private enum PathObstacle
    {
        None,
        Link,
        File,
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
