using Pipelines.Components;
using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Registry;
using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// Answers --verify-image through the container library: ECR hosts are asked with BatchGetImage under the build's AWS
/// identity (region and account taken from the host); any other registry with an anonymous manifest HEAD.
/// </summary>
sealed class RegistryImageExistence(IPipelineBuild build) : IImageExistence
{
    public async Task<bool> ExistsAsync(ImageReference image, CancellationToken ct)
    {
        var slash = image.Repository.IndexOf('/');
        if (slash < 0)
            throw new InvocationException($"--image-repository '{image.Repository}' names no registry host; pass host/path, or --verify-image false");
        var host = image.Repository[..slash];
        var path = image.Repository[(slash + 1)..];
        var reference = image.Digest ?? image.Tag!;
        if (EcrRegistryHost.TryParse(host, out var ecrHost))
        {
            var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions(ecrHost.Region)
            {
                AccountId = ecrHost.AccountId,
                RoleArn = (build as IAwsParameters)?.AwsRoleArn,
                Masker = build.Secrets,
            }, ct).ConfigureAwait(false);
            using var ecr = new EcrClient(new EcrClientOptions(ecrHost.Region, identity.Credentials));
            return await ecr.BatchGetImageAsync(path, reference, ecrHost.AccountId, ct).ConfigureAwait(false) is not null;
        }
        using var client = new OciRegistryClient(new RegistryClientOptions(host));
        return await client.HeadManifestAsync(path, reference, ct).ConfigureAwait(false) is not null;
    }
}
