namespace Pipelines.Tests.CiGeneration;

/// <summary>Expected files committed under Snapshots/; rewritten instead of compared when PIPELINES_UPDATE_SNAPSHOTS=1.</summary>
internal static class Snapshot
{
    public static void Match(string fileName, string actual)
    {
        var path = TestFiles.Path("Snapshots", fileName);
        if (Environment.GetEnvironmentVariable("PIPELINES_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Snapshot {fileName} is missing; run the tests with PIPELINES_UPDATE_SNAPSHOTS=1 and review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
        Assert.Fail($"{fileName} differs from its snapshot at line {line + 1}:\n" +
            $"  expected: {expectedLines.ElementAtOrDefault(line)}\n  actual:   {actualLines.ElementAtOrDefault(line)}\n" +
            "If the change is intended, rerun with PIPELINES_UPDATE_SNAPSHOTS=1 and review the diff.");
    }
}
