namespace Pipelines.Containers.Aws;

/// <summary>How to find the AWS identity a pipeline acts as.</summary>
/// <param name="Region">The region, e.g. <c>cn-north-1</c>; it selects the partition (ARN prefix, STS audience, endpoints).</param>
public sealed record AwsIdentityOptions(string Region)
{
    /// <summary>The account id, when known; STS GetCallerIdentity is skipped when given.</summary>
    public string? AccountId { get; init; }

    /// <summary>A role to assume after resolving the base credentials (must be in the region's partition).</summary>
    public string? RoleArn { get; init; }

    /// <summary>The session name for assumed roles.</summary>
    public string RoleSessionName { get; init; } = "pipelines";

    /// <summary>An STS endpoint to use instead of the region's default (VPC endpoints, tests).</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>Base credentials; when null the SDK's default chain resolves them (environment, profile, web identity, container, instance metadata).</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }

    /// <summary>Environment to read <c>AWS_ROLE_ARN</c>, <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> and the GitHub Actions OIDC variables from; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Masks web-identity and OIDC tokens obtained while resolving.</summary>
    public Pipelines.Tooling.SecretMasker? Masker { get; init; }

    /// <summary>How long STS and the OIDC token endpoint may take to accept a connection and to answer.</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>The HTTP handler used to request the GitHub Actions OIDC token (tests); a new one when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
