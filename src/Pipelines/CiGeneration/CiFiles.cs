using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Generates the CI files a build class declares and checks the committed ones are current.</summary>
public static class CiFiles
{
    /// <summary>Every CI file the build's attributes declare, in a stable order.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(BuildDescription build) => [];

    /// <summary>Files whose committed content differs from what would be generated now (missing files count).</summary>
    public static IReadOnlyList<GeneratedFile> FindStale(string rootDirectory, BuildDescription build) =>
        Generate(build).Where(f =>
        {
            var path = Path.Combine(rootDirectory, f.RelativePath);
            return !File.Exists(path) || File.ReadAllText(path) != f.Content;
        }).ToList();
}
