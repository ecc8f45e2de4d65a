using Pipelines.Containers.Aws;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;
using Pipelines.Tooling;

namespace Pipelines.Containers.Ecr;

/// <summary>
/// Pushes a built image to Amazon ECR: resolves the identity, ensures the repository (immutable tags and scan on push unless
/// configured otherwise), logs in with an authorization token into a private temporary docker config (fetching a new token when
/// the registry refuses one as expired), pushes idempotently through <see cref="ImagePublisher"/>, and optionally gates on the scan.
/// </summary>
/// <param name="runner">Runs docker and dotnet; its masker receives the registry token before anything can print it.</param>
public sealed class EcrImagePublisher(ProcessRunner runner)
{
    /// <summary>Pushes <paramref name="options"/>.<see cref="EcrPushOptions.Image"/> to ECR.</summary>
    public async Task<EcrPushResult> PushAsync(EcrPushOptions options, CancellationToken ct = default)
    {
        // A refused tag or name must fail before anything is asked of AWS or created in ECR.
        Building.ImageTags.EnsureImmutable(options.Tag ?? options.Image.Tag);
        if (!EcrRepositoryNames.IsValid(options.RepositoryName))
            throw new ContainerInputException(ContainerInputs.EcrRepositoryName, $"'{options.RepositoryName}' is not an ECR repository name",
                $"use 2 to 256 lower-case letters, digits and '.', '_', '-', '/' between them, e.g. team/app");
        var identity = await new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions(options.Region)
        {
            AccountId = options.AccountId, RoleArn = options.RoleArn, Credentials = options.Credentials, StsEndpoint = options.StsEndpoint, Masker = runner.Masker,
            Environment = runner.Environment, Bounds = options.Bounds,
        }, ct).ConfigureAwait(false);
        options.Log?.WriteLine($"AWS identity: account {identity.AccountId} in {identity.Region} ({identity.Partition.Name}) via {identity.Source}");

        using var ecr = new EcrClient(new EcrClientOptions(options.Region, identity.Credentials)
        {
            Endpoint = options.Endpoint, HttpHandler = options.EcrHttpHandler, Bounds = options.Bounds,
        });
        var repository = await ecr.DescribeRepositoryAsync(options.RepositoryName, identity.AccountId, ct).ConfigureAwait(false);
        var created = false;
        if (repository is null)
        {
            try
            {
                repository = await ecr.CreateRepositoryAsync(options.RepositoryName, options.RepositorySettings, identity.AccountId, ct).ConfigureAwait(false);
                created = true;
                options.Log?.WriteLine($"Created ECR repository {repository.Uri} ({repository.TagMutability}, scan on push {(repository.ScanOnPush ? "on" : "off")}, {repository.EncryptionType})");
            }
            catch (EcrRepositoryAlreadyExistsException)
            {
                // Another job created it between our describe and create.
                repository = await ecr.DescribeRepositoryAsync(options.RepositoryName, identity.AccountId, ct).ConfigureAwait(false)
                    ?? throw new EcrRepositoryNotFoundException("RepositoryNotFoundException", $"ECR repository '{options.RepositoryName}' vanished while being created", $"retry", 400);
            }
        }

        if (options.AlsoTagLatest && repository.IsImmutable)
            throw new ImageTagConflictException(FailureKind.BadInput, ContainerInputs.AlsoTagLatest, $"is refused: ECR repository '{repository.Name}' has IMMUTABLE tags, so 'latest' could never move", $"drop the {ContainerInputs.AlsoTagLatest}, or set the repository's tags to MUTABLE");

        var host = repository.Uri.Split('/')[0];
        if (options.Endpoint is null)
        {
            // With the default endpoint the registry must be this account's registry in this region: refuse anything else.
            if (!EcrRegistryHost.TryParse(host, out var parsed) || parsed.AccountId != identity.AccountId || parsed.Region != options.Region)
                throw new EcrException("InvalidRepositoryUri", $"ECR returned repository URI '{repository.Uri}', which is not account {identity.AccountId}'s registry in {options.Region}", $"check the {ContainerInputs.Region} and {ContainerInputs.AccountId}", 200);
        }

        var token = await ecr.GetAuthorizationTokenAsync(identity.AccountId, ct).ConfigureAwait(false);
        runner.Masker.Add(token.Password);
        var plainHttp = token.ProxyEndpoint.Scheme == Uri.UriSchemeHttp;

        var pushed = await new ImagePublisher(runner).PushAsync(new ImagePushOptions(options.Image, repository.Uri)
        {
            Tag = options.Tag,
            Credentials = new RegistryCredentials(token.Username, token.Password),
            RefreshCredentials = async c =>
            {
                var fresh = await ecr.GetAuthorizationTokenAsync(identity.AccountId, c).ConfigureAwait(false);
                runner.Masker.Add(fresh.Password);
                options.Log?.WriteLine($"The ECR registry refused the authorization token; fetched a new one ({fresh})");
                return new RegistryCredentials(fresh.Username, fresh.Password);
            },
            AlsoTagLatest = options.AlsoTagLatest,
            TagsImmutable = repository.IsImmutable,
            Rebuild = options.Rebuild,
            DockerExecutable = options.DockerExecutable,
            Environment = options.Environment,
            TemporaryDirectory = options.TemporaryDirectory,
            PlainHttp = plainHttp,
            Bounds = options.Bounds,
            Log = options.Log,
        }, ct).ConfigureAwait(false);

        EcrScanFindings? findings = null;
        if (options.MaxScanSeverity is { } max)
            findings = await GateOnScanAsync(ecr, repository, pushed.Digest, max, identity.AccountId, options, ct).ConfigureAwait(false);

        return new EcrPushResult(repository.Uri, pushed.Tag, pushed.Digest, pushed.Skipped, created, identity.AccountId, pushed.TaggedLatest, findings);
    }

    static async Task<EcrScanFindings> GateOnScanAsync(EcrClient ecr, EcrRepository repository, string digest, ScanSeverity max, string account, EcrPushOptions options, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + options.ScanTimeout;
        while (true)
        {
            EcrScanFindings? scan = null;
            try
            {
                scan = await ecr.DescribeImageScanFindingsAsync(repository.Name, digest, account, ct).ConfigureAwait(false);
            }
            catch (EcrScanNotFoundException) when (repository.ScanOnPush)
            {
                // Scan on push starts shortly after the push; not found yet means not started yet.
            }
            if (scan is { Status: "COMPLETE" or "ACTIVE" })
            {
                var blocking = scan.Findings.Where(f => f.Severity >= max).ToList();
                if (blocking.Count > 0)
                {
                    var top = string.Join(", ", blocking.Take(3).Select(f => $"{f.Name} ({f.Severity.ToString().ToUpperInvariant()})"));
                    throw new ScanGateFailedException($"image {repository.Uri}@{digest} has {blocking.Count} finding(s) at or above {max.ToString().ToUpperInvariant()}: {top}{(blocking.Count > 3 ? ", ..." : "")}", $"fix them or raise the {ContainerInputs.ScanSeverity}", scan);
                }
                options.Log?.WriteLine($"Scan complete: {scan.Findings.Count} finding(s), none at or above {max.ToString().ToUpperInvariant()}");
                return scan;
            }
            if (scan is { Status: "FAILED" or "UNSUPPORTED_IMAGE" })
                throw new ScanGateFailedException($"the scan of {repository.Uri}@{digest} ended {scan.Status}, and the {ContainerInputs.ScanSeverity} cannot pass without a scan", $"check the repository's scanning configuration", scan);
            if (DateTimeOffset.UtcNow >= deadline)
                throw new ScanGateFailedException($"the scan of {repository.Uri}@{digest} did not complete within {options.ScanTimeout}", $"retry or check the repository's scanning configuration", scan);
            await Task.Delay(options.ScanPollInterval, ct).ConfigureAwait(false);
        }
    }
}
