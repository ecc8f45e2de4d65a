using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Pipelines.Tooling;

namespace Pipelines.Containers.Aws;

/// <summary>
/// Resolves the identity a pipeline acts as: base credentials (explicit, web identity from <c>AWS_ROLE_ARN</c> +
/// <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>, GitHub Actions OIDC, or the SDK default chain), an optional assumed role, and the account id.
/// STS calls go to the region's own partition, so China regions use <c>sts.cn-north-1.amazonaws.com.cn</c> and <c>arn:aws-cn</c>.
/// </summary>
public sealed class AwsIdentityResolver
{
    /// <summary>Resolves credentials and the account id for <paramref name="options"/>.</summary>
    /// <exception cref="AwsIdentityException">No credentials could be found, a role ARN is in the wrong partition, or an STS call failed.</exception>
    public async Task<AwsIdentity> ResolveAsync(AwsIdentityOptions options, CancellationToken ct = default)
    {
        var partition = AwsPartition.FromRegion(options.Region);
        var env = options.Environment;
        string? Env(string name) => env is null ? System.Environment.GetEnvironmentVariable(name) : env.TryGetValue(name, out var v) ? v : null;

        if (options.RoleArn is { } roleArn)
            CheckRoleArn(roleArn, partition, ContainerInputs.RoleArn);

        AWSCredentials credentials;
        string source;
        var envRole = Env("AWS_ROLE_ARN");
        var tokenFile = Env("AWS_WEB_IDENTITY_TOKEN_FILE");
        if (options.Credentials is not null)
        {
            (credentials, source) = (options.Credentials, "given credentials");
        }
        else if (!string.IsNullOrEmpty(envRole) && !string.IsNullOrEmpty(tokenFile))
        {
            CheckRoleArn(envRole, partition, Input.Named("AWS_ROLE_ARN"));
            var token = (await File.ReadAllTextAsync(tokenFile, ct).ConfigureAwait(false)).Trim();
            options.Masker?.Add(token);
            credentials = await AssumeWithWebIdentityAsync(options, envRole, token, ct).ConfigureAwait(false);
            source = $"web identity ({envRole})";
        }
        else if (options.RoleArn is not null && !string.IsNullOrEmpty(Env("ACTIONS_ID_TOKEN_REQUEST_URL")) && !string.IsNullOrEmpty(Env("ACTIONS_ID_TOKEN_REQUEST_TOKEN")))
        {
            var token = await RequestGitHubOidcTokenAsync(Env("ACTIONS_ID_TOKEN_REQUEST_URL")!, Env("ACTIONS_ID_TOKEN_REQUEST_TOKEN")!, partition.StsAudience, options, ct).ConfigureAwait(false);
            credentials = await AssumeWithWebIdentityAsync(options, options.RoleArn, token, ct).ConfigureAwait(false);
            return await FinishAsync(options, credentials, partition, $"GitHub Actions OIDC ({options.RoleArn})", ct).ConfigureAwait(false);
        }
        else if (env is not null && Env("AWS_ACCESS_KEY_ID") is { Length: > 0 } accessKey && Env("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secretKey)
        {
            // The given environment's keys, not the process's: the SDK's own chain would read the process environment.
            options.Masker?.Add(secretKey);
            options.Masker?.Add(Env("AWS_SESSION_TOKEN"));
            credentials = Env("AWS_SESSION_TOKEN") is { Length: > 0 } session
                ? new SessionAWSCredentials(accessKey, secretKey, session)
                : new BasicAWSCredentials(accessKey, secretKey);
            source = "environment keys";
        }
        else if (env is not null && Env("AWS_PROFILE") is { Length: > 0 } profile)
        {
            var store = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain(Env("AWS_SHARED_CREDENTIALS_FILE") ?? Env("AWS_CONFIG_FILE"));
            if (!store.TryGetAWSCredentials(profile, out var fromProfile))
                throw new AwsIdentityException(FailureKind.BadInput, Input.Named("AWS_PROFILE"), $"'{profile}' is not a profile with credentials",
                    $"fix AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            credentials = fromProfile;
            source = $"profile {profile}";
        }
        else
        {
            try
            {
                credentials = await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null!, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException)
            {
                throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"were not found",
                    $"set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE", ex);
            }
            source = "default credential chain";
        }

        if (options.RoleArn is { } role)
        {
            credentials = await AssumeRoleAsync(options, credentials, role, ct).ConfigureAwait(false);
            source += $" -> assumed {role}";
        }
        return await FinishAsync(options, credentials, partition, source, ct).ConfigureAwait(false);
    }

    static async Task<AwsIdentity> FinishAsync(AwsIdentityOptions options, AWSCredentials credentials, AwsPartition partition, string source, CancellationToken ct)
    {
        var account = options.AccountId;
        if (string.IsNullOrEmpty(account))
        {
            using var sts = CreateSts(options, credentials);
            try
            {
                account = (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false)).Account;
            }
            catch (AmazonServiceException ex)
            {
                throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"were refused by STS GetCallerIdentity in {options.Region} ({ex.ErrorCode}: {FirstLine(ex.Message)})", $"check the credentials, or give the {ContainerInputs.AccountId}", ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or AmazonClientException)
            {
                throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.StsEndpoint, $"in {options.Region} could not be reached to find the account ({FirstLine(ex.Message)})", $"give the {ContainerInputs.AccountId}, or the {ContainerInputs.StsEndpoint} of a VPC endpoint", ex);
            }
            // The SDK takes any answer it can read, a proxy's HTML page included, and gives an empty account for it: the
            // registry host is made from the account, so an answer without a 12-digit one is STS's failure here.
            if (!IsAccountId(account))
                throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.StsEndpoint, $"in {options.Region} answered GetCallerIdentity without a 12-digit account",
                    $"check that the {ContainerInputs.StsEndpoint} is STS (or a VPC endpoint of it), or give the {ContainerInputs.AccountId}");
        }
        else if (!IsAccountId(account))
        {
            throw new AwsIdentityException(FailureKind.BadInput, ContainerInputs.AccountId, $"'{account}' is not 12 digits", $"give the account that owns the ECR registry");
        }
        return new AwsIdentity(credentials, account, options.Region, partition, source);
    }

    static bool IsAccountId(string? account) => account is { Length: 12 } && account.All(char.IsAsciiDigit);

    static void CheckRoleArn(string roleArn, AwsPartition partition, Input input)
    {
        if (!roleArn.StartsWith(partition.ArnPrefix, StringComparison.Ordinal) || !roleArn.Contains(":role/", StringComparison.Ordinal))
            throw new AwsIdentityException(FailureKind.BadInput, input, $"'{roleArn}' is not a role in partition {partition.Name}", $"use {partition.ArnPrefix}iam::<account>:role/<name>");
    }

    static AmazonSecurityTokenServiceClient CreateSts(AwsIdentityOptions options, AWSCredentials credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region),
            Timeout = options.Bounds.Answer,
        };
        if (options.StsEndpoint is not null)
        {
            // Setting ServiceURL drops the region, which the signer then lacks: restore it as the authentication region.
            config.ServiceURL = options.StsEndpoint.ToString();
            config.AuthenticationRegion = options.Region;
        }
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    static async Task<AWSCredentials> AssumeRoleAsync(AwsIdentityOptions options, AWSCredentials source, string roleArn, CancellationToken ct)
    {
        using var sts = CreateSts(options, source);
        try
        {
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = options.RoleSessionName, DurationSeconds = 3600 }, ct).ConfigureAwait(false);
            options.Masker?.Add(response.Credentials.SecretAccessKey);
            options.Masker?.Add(response.Credentials.SessionToken);
            return new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or AmazonClientException)
        {
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.StsEndpoint, $"in {options.Region} could not be reached to assume '{roleArn}' ({FirstLine(ex.Message)})", $"check the network, or give the {ContainerInputs.StsEndpoint} of a VPC endpoint", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.RoleArn, $"'{roleArn}' could not be assumed ({ex.ErrorCode}: {FirstLine(ex.Message)})", $"check the role's trust policy", ex);
        }
    }

    static async Task<AWSCredentials> AssumeWithWebIdentityAsync(AwsIdentityOptions options, string roleArn, string token, CancellationToken ct)
    {
        using var sts = CreateSts(options, new AnonymousAWSCredentials());
        try
        {
            var response = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = roleArn, RoleSessionName = options.RoleSessionName, WebIdentityToken = token, DurationSeconds = 3600,
            }, ct).ConfigureAwait(false);
            options.Masker?.Add(response.Credentials.SecretAccessKey);
            options.Masker?.Add(response.Credentials.SessionToken);
            return new SessionAWSCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
        }
        catch (AmazonServiceException ex)
        {
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.RoleArn, $"'{roleArn}' refused the web identity ({ex.ErrorCode}: {FirstLine(ex.Message)})", $"check that the role trusts this OIDC provider and audience", ex);
        }
    }

    /// <summary>
    /// Requests a GitHub Actions OIDC token for <paramref name="audience"/> (<c>sts.amazonaws.com.cn</c> on aws-cn) from the runner's
    /// token endpoint, and registers it with the masker.
    /// </summary>
    public static async Task<string> RequestGitHubOidcTokenAsync(string requestUrl, string requestToken, string audience, AwsIdentityOptions options, CancellationToken ct = default)
    {
        options.Masker?.Add(requestToken);
        using var http = options.Bounds.CreateClient(options.HttpHandler);
        var separator = requestUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{requestUrl}{separator}audience={Uri.EscapeDataString(audience)}");
        request.Headers.Authorization = new("Bearer", requestToken);
        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (NetworkBounds.IsOversized(e))
        {
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"could not be had: the GitHub Actions OIDC token response held more than {NetworkBounds.MaxAnswerText}",
                $"check the runner's ACTIONS_ID_TOKEN_REQUEST_URL");
        }
        using var response = sent;
        if (!response.IsSuccessStatusCode)
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"could not be had: the GitHub Actions OIDC token request answered {(int)response.StatusCode}", $"give the job 'permissions: id-token: write'");
        string? token;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
            token = body.TryGetProperty("value", out var value) ? value.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"could not be had: the GitHub Actions OIDC token response is not the JSON object it should be",
                $"check the runner's ACTIONS_ID_TOKEN_REQUEST_URL");
        }
        if (string.IsNullOrEmpty(token))
            throw new AwsIdentityException(FailureKind.Failure, ContainerInputs.AwsCredentials, $"could not be had: the GitHub Actions OIDC token response had no 'value'", $"check the runner's ACTIONS_ID_TOKEN_REQUEST_URL");
        options.Masker?.Add(token);
        return token;
    }

    static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
