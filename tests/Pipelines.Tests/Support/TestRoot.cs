namespace Pipelines.Tests.Support;

/// <summary>A temporary repository root with a <c>.nuke/</c> directory, deleted afterwards.</summary>
public sealed class TestRoot : IDisposable
{
    public TestRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipelines-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    public void WriteParameters(string json, string? profile = null) =>
        File.WriteAllText(System.IO.Path.Combine(Path, ".nuke", profile is null ? "parameters.json" : $"parameters.{profile}.json"), json);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
