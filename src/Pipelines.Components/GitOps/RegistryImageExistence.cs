using Pipelines.Containers.Registry;
using Pipelines.GitOps;

namespace Pipelines.Components.GitOps;

/// <summary>Answers --verify-image with a manifest HEAD through the container library's registry client.</summary>
sealed class RegistryImageExistence(RegistryCredentials? credentials) : IImageExistence
{
    public async Task<bool> ExistsAsync(ImageReference image, CancellationToken ct)
    {
        var slash = image.Repository.IndexOf('/');
        if (slash < 0)
            throw new InvocationException($"--image-repository '{image.Repository}' names no registry host; pass host/path, or --verify-image false");
        using var client = new OciRegistryClient(new RegistryClientOptions(image.Repository[..slash]) { Credentials = credentials });
        return await client.HeadManifestAsync(image.Repository[(slash + 1)..], image.Digest ?? image.Tag!, ct).ConfigureAwait(false) is not null;
    }
}
