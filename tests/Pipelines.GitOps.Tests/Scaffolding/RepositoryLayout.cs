namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>Finds files of this repository (samples/, deploy/) from the test's output folder.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipelines.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Pipelines.sln above {AppContext.BaseDirectory}.");
    }
}
