namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>Finds files of this repository (samples/, deploy/) from the test's output folder.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = Pipelines.Testing.SourceTree.Root;

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
