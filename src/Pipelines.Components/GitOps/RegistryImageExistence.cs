using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Registry;
using Pipelines.GitOps;
using Pipelines.Tooling;

namespace Pipelines.Components;

/// <summary>
/// Answers the bump's image verification through the container library: ECR hosts are asked with BatchGetImage under the
/// build's AWS identity (region and account taken from the host); any other registry with an anonymous manifest HEAD. Any
/// failure to ask is the verification's own failure, so it is never mistaken for another peer's.
/// </summary>
sealed class RegistryImageExistence(IPipelineBuild build) : IImageExistence
{
    Containers.NetworkBounds Bounds => (build as IImageParameters)?.RegistryBounds ?? Containers.NetworkBounds.Default;

    public async Task<bool> ExistsAsync(ImageReference image, CancellationToken ct)
    {
        var slash = image.Repository.IndexOf('/');
        if (slash < 0)
            throw new InvalidInputException(GitOpsInputs.ImageRepository, $"'{image.Repository}' names no registry host",
                $"pass host/path, or turn {GitOpsInputs.VerifyImage} off");
        var host = image.Repository[..slash];
        var path = image.Repository[(slash + 1)..];
        var reference = image.Digest ?? image.Tag!;
        try
        {
            if (EcrRegistryHost.TryParse(host, out var ecrHost))
            {
                var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions(ecrHost.Region)
                {
                    AccountId = ecrHost.AccountId,
                    RoleArn = (build as IAwsParameters)?.AwsRoleArn,
                    Masker = build.Secrets,
                    Environment = build.EnvironmentVariables,
                    Bounds = Bounds,
                }, ct).ConfigureAwait(false);
                using var ecr = new EcrClient(new EcrClientOptions(ecrHost.Region, identity.Credentials) { Bounds = Bounds });
                return await ecr.BatchGetImageAsync(path, reference, ecrHost.AccountId, ct).ConfigureAwait(false) is not null;
            }
            using var client = new OciRegistryClient(new RegistryClientOptions(host) { Bounds = Bounds });
            return await client.HeadManifestAsync(path, reference, ct).ConfigureAwait(false) is not null;
        }
        catch (PipelinesException e) when (e is not GitOpsException)
        {
            throw new ImageVerificationException(image.ToString(), e.Describe(input => ComponentFailures.Flag(input), withRemedy: false), e);
        }
    }
}
