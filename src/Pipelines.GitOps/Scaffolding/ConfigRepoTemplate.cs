using System.Reflection;

namespace Pipelines.GitOps;

/// <summary>The config repo template (samples/config-repo) as embedded in this assembly.</summary>
internal static class ConfigRepoTemplate
{
    // Matches the LogicalName given to the EmbeddedResource items in Pipelines.GitOps.csproj.
    private const string Prefix = "Templates/config-repo/";

    private static readonly Assembly Assembly = typeof(ConfigRepoTemplate).Assembly;

    // Template path ('/'-separated, relative to the template root) to manifest resource name, which carries the
    // build machine's separators.
    private static readonly IReadOnlyDictionary<string, string> ResourceNames = Assembly
        .GetManifestResourceNames()
        .Where(name => name.Replace('\\', '/').StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(name => name.Replace('\\', '/')[Prefix.Length..], StringComparer.Ordinal);

    /// <summary>Template paths relative to the template root, with <c>/</c> separators, in ordinal order.</summary>
    public static IReadOnlyList<string> Files { get; } = ResourceNames.Keys.Order(StringComparer.Ordinal).ToArray();

    public static async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        if (!ResourceNames.TryGetValue(path, out var name) || Assembly.GetManifestResourceStream(name) is not { } stream)
        {
            throw new InvalidOperationException($"Template file '{path}' is not embedded in {Assembly.GetName().Name}.");
        }

        await using (stream)
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(ct);
        }
    }
}
