using System.Runtime.CompilerServices;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Finds the test data beside these sources (the schema, the snapshots, the linters).</summary>
internal static class TestFiles
{
    private const string RelativeDirectory = "tests/Pipelines.Tests/CiGeneration";

    public static string Directory { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    private static string Locate([CallerFilePath] string source = "")
    {
        var beside = System.IO.Path.GetDirectoryName(source);
        if (beside is not null && File.Exists(System.IO.Path.Combine(beside, "github-workflow.schema.json"))) return beside;

        // Builds that map source paths (deterministic CI builds) lose the caller path: walk up from the test binaries.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, RelativeDirectory);
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"Cannot find {RelativeDirectory} above {AppContext.BaseDirectory}");
    }
}
