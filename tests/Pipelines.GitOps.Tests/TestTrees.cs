namespace Pipelines.GitOps.Tests;

/// <summary>Copies of the TestData trees in temporary folders, and byte comparisons against expected trees.</summary>
static class TestTrees
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string CopyToTemp(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "pipelines-gitops-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>Asserts every file of <paramref name="actual"/> equals its counterpart in <paramref name="expected"/>, else in <paramref name="original"/>.</summary>
    public static void AssertMatches(string actual, string original, string expected)
    {
        foreach (var file in Directory.EnumerateFiles(original, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(original, file);
            var wanted = File.Exists(Path.Combine(expected, relative)) ? Path.Combine(expected, relative) : file;
            var got = File.ReadAllBytes(Path.Combine(actual, relative));
            var want = File.ReadAllBytes(wanted);
            Assert.True(want.AsSpan().SequenceEqual(got),
                $"{relative} differs from {Path.GetRelativePath(Data(), wanted)}:\n--- want\n{System.Text.Encoding.UTF8.GetString(want)}\n--- got\n{System.Text.Encoding.UTF8.GetString(got)}");
        }
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }
}
