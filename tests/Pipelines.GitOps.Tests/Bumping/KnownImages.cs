namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>A registry stand-in for --verify-image: only the listed references exist.</summary>
sealed class KnownImages(params string[] references) : IImageExistence
{
    public static KnownImages All { get; } = new() { Everything = true };

    bool Everything { get; init; }

    public Task<bool> ExistsAsync(ImageReference image, CancellationToken ct) =>
        Task.FromResult(Everything || references.Contains(image.ToString()) || references.Contains(image.With(image.Tag, null).ToString()));
}
