namespace Pipelines.GitOps;

/// <summary>
/// Answers whether a registry has an image, so a bump never writes a reference the cluster cannot pull.
/// The component wires it to the registry client; tests use a fake.
/// </summary>
public interface IImageExistence
{
    /// <summary>Whether the registry has a manifest for <paramref name="image"/> (by digest when it has one, else by tag).</summary>
    Task<bool> ExistsAsync(ImageReference image, CancellationToken ct);
}
