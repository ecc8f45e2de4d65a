namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>A fresh directory under the system temp folder, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipelines-scaffold-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
