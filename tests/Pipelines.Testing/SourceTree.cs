namespace Pipelines.Testing;

/// <summary>The checkout the tests were built from: the folder with <c>Pipelines.sln</c> above the test's output folder.</summary>
public static class SourceTree
{
    /// <summary>The checkout's root folder.</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipelines.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Pipelines.sln above {AppContext.BaseDirectory}");
    }
}
