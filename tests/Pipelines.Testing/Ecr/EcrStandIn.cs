using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipelines.Testing.Ecr;

/// <summary>
/// A stand-in for the Amazon ECR control plane (JSON 1.1) and STS GetCallerIdentity on 127.0.0.1. Every request's SigV4 signature
/// is re-computed by <see cref="SigV4Verifier"/>; unsigned or mis-signed requests get ECR's error types. Repository state lives
/// here; images live in a real registry. GetAuthorizationToken hands out that registry's own credentials and URL, or, when started
/// with an <see cref="EcrTokenPolicy"/>, expiring tokens for an <see cref="EcrRegistryEndpoint"/> in front of it, as ECR does.
/// </summary>
public sealed partial class EcrStandIn : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly SigV4Verifier _verifier;
    readonly HttpClient _registry;
    readonly ConcurrentDictionary<string, RepositoryState> _repositories = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<Fault> _faults = new();
    readonly ConcurrentQueue<RecordedCall> _calls = new();

    /// <summary>A scripted failure for the next call(s) of an operation.</summary>
    /// <param name="Operation">Operation name, or <c>*</c> for any.</param>
    /// <param name="ErrorType">The <c>__type</c> to answer.</param>
    /// <param name="Status">HTTP status.</param>
    /// <param name="Message">The error message.</param>
    public sealed record Fault(string Operation, string ErrorType, int Status, string Message);

    /// <summary>One request as the stand-in saw it.</summary>
    /// <param name="Operation">Operation (or STS action).</param>
    /// <param name="SignatureValid">Whether the independent verifier accepted the signature.</param>
    /// <param name="Region">The signing region.</param>
    /// <param name="Service">The signing service.</param>
    /// <param name="ContentType">The request content type, exactly as sent.</param>
    public sealed record RecordedCall(string Operation, bool SignatureValid, string? Region, string? Service, string? ContentType);

    sealed class RepositoryState
    {
        public required string Name { get; init; }
        public required string Mutability { get; init; }
        public required bool ScanOnPush { get; init; }
        public required string Encryption { get; init; }
        public string? KmsKey { get; init; }
        public string ScanStatus { get; set; } = "COMPLETE";
        public List<(string Name, string Severity)> Findings { get; } = [];
    }

    EcrStandIn(WebApplication app, SigV4Verifier verifier, Uri registryUrl, string username, string password, string accountId, string accessKey, string secretKey, EcrRegistryEndpoint? endpoint)
    {
        _app = app;
        _verifier = verifier;
        RegistryEndpoint = endpoint;
        RegistryUrl = endpoint?.Url ?? registryUrl;
        RegistryUsername = username;
        RegistryPassword = password;
        AccountId = accountId;
        AccessKey = accessKey;
        SecretKey = secretKey;
        _registry = new HttpClient { BaseAddress = registryUrl };
        _registry.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    /// <summary>The stand-in's endpoint (pass as the ECR and STS endpoint).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The registry clients are sent to: the real registry, or the token-checking endpoint in front of it.</summary>
    public Uri RegistryUrl { get; }

    /// <summary>The token-checking registry endpoint, when started with an <see cref="EcrTokenPolicy"/>.</summary>
    public EcrRegistryEndpoint? RegistryEndpoint { get; }

    /// <summary>The registry user handed out in authorization tokens.</summary>
    public string RegistryUsername { get; }

    /// <summary>The registry password handed out in authorization tokens (what a client must never print).</summary>
    public string RegistryPassword { get; }

    /// <summary>The account the stand-in answers for.</summary>
    public string AccountId { get; }

    /// <summary>The only access key it accepts.</summary>
    public string AccessKey { get; }

    /// <summary>That key's secret.</summary>
    public string SecretKey { get; }

    /// <summary>How far the server's clock is ahead of the machine's (to provoke clock-skew errors).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    /// <summary>Starts a stand-in in front of the registry at <paramref name="registryUrl"/>; with <paramref name="tokens"/>, clients reach
    /// the registry only through an <see cref="EcrRegistryEndpoint"/> with expiring tokens.</summary>
    public static async Task<EcrStandIn> StartAsync(Uri registryUrl, string registryUsername, string registryPassword, string accountId = "123456789012", EcrTokenPolicy? tokens = null)
    {
        var endpoint = tokens is null ? null : await EcrRegistryEndpoint.StartAsync(registryUrl, registryUsername, registryPassword, tokens).ConfigureAwait(false);
        var accessKey = "AKIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var secretKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "x/Y+z";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new EcrStandIn(app, new SigV4Verifier(new Dictionary<string, string> { [accessKey] = secretKey }), registryUrl, registryUsername, registryPassword, accountId, accessKey, secretKey, endpoint);
        app.Run(standIn.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return standIn;
    }

    /// <summary>Fails the next <paramref name="times"/> calls of <paramref name="operation"/> with <paramref name="errorType"/>.</summary>
    public void FailNext(string operation, string errorType, int status = 400, string? message = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _faults.Enqueue(new Fault(operation, errorType, status, message ?? $"scripted {errorType}"));
    }

    /// <summary>Sets the scan result an image in <paramref name="repository"/> reports.</summary>
    public void SetScanFindings(string repository, string status, params (string Name, string Severity)[] findings)
    {
        var state = _repositories[repository];
        state.ScanStatus = status;
        state.Findings.Clear();
        state.Findings.AddRange(findings);
    }

    /// <summary>Creates a repository directly (test setup).</summary>
    public void AddRepository(string name, bool immutable, bool scanOnPush = true) =>
        _repositories[name] = new RepositoryState { Name = name, Mutability = immutable ? "IMMUTABLE" : "MUTABLE", ScanOnPush = scanOnPush, Encryption = "AES256" };

    /// <summary>Forgets every repository (registry content stays).</summary>
    public void Reset()
    {
        _repositories.Clear();
        _faults.Clear();
        ClockOffset = TimeSpan.Zero;
    }

    async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "/";
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value.Select(v => v?.Trim())), StringComparer.OrdinalIgnoreCase);
        var verdict = _verifier.Verify(new SigV4Verifier.Request(context.Request.Method, q < 0 ? rawTarget : rawTarget[..q], q < 0 ? "" : rawTarget[(q + 1)..], headers, body));
        var contentType = context.Request.ContentType;

        var isSts = contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true;
        var operation = isSts
            ? System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body))["Action"] ?? "?"
            : (headers.TryGetValue("X-Amz-Target", out var target) ? target : "").Split('.').Last();
        _calls.Enqueue(new RecordedCall(operation, verdict.Ok, verdict.Region, verdict.Service, contentType));

        var serverNow = DateTime.UtcNow + ClockOffset;
        if (isSts && operation == "AssumeRoleWithWebIdentity")
        {
            // Unsigned by design: the web identity token is the credential.
            var form = System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
            _webIdentities.Enqueue((form["RoleArn"] ?? "", form["WebIdentityToken"] ?? ""));
            await SessionCredentialsAsync(context, operation, form["RoleArn"] ?? "").ConfigureAwait(false);
            return;
        }
        if (!verdict.Ok)
        {
            await ErrorAsync(context, serverNow, 403, verdict.Error!.Split(':')[0], verdict.Error).ConfigureAwait(false);
            return;
        }
        if ((verdict.SignedAt!.Value - serverNow).Duration() > TimeSpan.FromMinutes(5))
        {
            await ErrorAsync(context, serverNow, 403, "InvalidSignatureException",
                $"Signature expired: {verdict.SignedAt:yyyyMMdd'T'HHmmss'Z'} is now earlier than {serverNow.AddMinutes(-5):yyyyMMdd'T'HHmmss'Z'} ({serverNow:yyyyMMdd'T'HHmmss'Z'} - 5 min.)").ConfigureAwait(false);
            return;
        }
        if (isSts)
        {
            await StsAsync(context, operation, verdict).ConfigureAwait(false);
            return;
        }
        if (contentType != "application/x-amz-json-1.1" || verdict.Service != "ecr")
        {
            await ErrorAsync(context, serverNow, 400, "SerializationException", $"expected content type application/x-amz-json-1.1 and service ecr, got '{contentType}' and '{verdict.Service}'").ConfigureAwait(false);
            return;
        }
        if (_faults.TryPeek(out var fault) && (fault.Operation == operation || fault.Operation == "*") && _faults.TryDequeue(out fault))
        {
            await ErrorAsync(context, serverNow, fault.Status, fault.ErrorType, fault.Message).ConfigureAwait(false);
            return;
        }

        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body)!.AsObject();
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, serverNow, 400, "SerializationException", ex.Message).ConfigureAwait(false);
            return;
        }

        try
        {
            var response = operation switch
            {
                "GetAuthorizationToken" => GetAuthorizationToken(),
                "DescribeRepositories" => DescribeRepositories(request, verdict.Region!),
                "CreateRepository" => CreateRepository(request, verdict.Region!),
                "BatchGetImage" => await BatchGetImageAsync(request).ConfigureAwait(false),
                "DescribeImageScanFindings" => await DescribeImageScanFindingsAsync(request).ConfigureAwait(false),
                _ => throw new EcrError(400, "UnknownOperationException", $"unknown operation '{operation}'"),
            };
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(response.ToJsonString()).ConfigureAwait(false);
        }
        catch (EcrError error)
        {
            await ErrorAsync(context, serverNow, error.Status, error.Type, error.Message).ConfigureAwait(false);
        }
    }

    sealed class EcrError(int status, string type, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Type { get; } = type;
    }

    static async Task ErrorAsync(HttpContext context, DateTime serverNow, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.Headers.Date = serverNow.ToString("R", CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString()).ConfigureAwait(false);
    }

    JsonObject GetAuthorizationToken()
    {
        var (user, password, expiresAt) = (RegistryUsername, RegistryPassword, DateTimeOffset.UtcNow.AddHours(12));
        if (RegistryEndpoint is { } endpoint)
        {
            var (token, expiry) = endpoint.IssueToken();
            (user, password, expiresAt) = ("AWS", token, expiry);
        }
        return new JsonObject
        {
            ["authorizationData"] = new JsonArray(new JsonObject
            {
                ["authorizationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")),
                ["expiresAt"] = expiresAt.ToUnixTimeSeconds(),
                ["proxyEndpoint"] = RegistryUrl.ToString().TrimEnd('/'),
            }),
        };
    }

    JsonObject RepositoryJson(RepositoryState r, string region)
    {
        var partition = region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";
        return new JsonObject
        {
            ["repositoryArn"] = $"arn:{partition}:ecr:{region}:{AccountId}:repository/{r.Name}",
            ["registryId"] = AccountId,
            ["repositoryName"] = r.Name,
            ["repositoryUri"] = $"{RegistryUrl.Authority}/{r.Name}",
            ["createdAt"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["imageTagMutability"] = r.Mutability,
            ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = r.ScanOnPush },
            ["encryptionConfiguration"] = r.KmsKey is null ? new JsonObject { ["encryptionType"] = r.Encryption } : new JsonObject { ["encryptionType"] = r.Encryption, ["kmsKey"] = r.KmsKey },
        };
    }

    RepositoryState Repository(JsonObject request)
    {
        var name = (string?)request["repositoryName"] ?? throw new EcrError(400, "InvalidParameterException", "repositoryName is required");
        CheckRegistryId(request);
        return _repositories.TryGetValue(name, out var state)
            ? state
            : throw new EcrError(400, "RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{AccountId}'");
    }

    void CheckRegistryId(JsonObject request)
    {
        if (request["registryId"] is { } id && (string?)id != AccountId)
            throw new EcrError(400, "AccessDeniedException", $"not authorized to access registry {id}");
    }

    JsonObject DescribeRepositories(JsonObject request, string region)
    {
        CheckRegistryId(request);
        var names = request["repositoryNames"]?.AsArray().Select(n => (string)n!).ToList();
        var result = new JsonArray();
        if (names is null)
        {
            foreach (var r in _repositories.Values)
                result.Add(RepositoryJson(r, region));
        }
        else
        {
            foreach (var name in names)
            {
                if (!_repositories.TryGetValue(name, out var r))
                    throw new EcrError(400, "RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{AccountId}'");
                result.Add(RepositoryJson(r, region));
            }
        }
        return new JsonObject { ["repositories"] = result };
    }

    JsonObject CreateRepository(JsonObject request, string region)
    {
        CheckRegistryId(request);
        var name = (string?)request["repositoryName"] ?? throw new EcrError(400, "InvalidParameterException", "repositoryName is required");
        if (!ValidName().IsMatch(name))
            throw new EcrError(400, "InvalidParameterException", $"Invalid parameter at 'repositoryName' failed to satisfy constraint: '{name}'");
        var state = new RepositoryState
        {
            Name = name,
            Mutability = (string?)request["imageTagMutability"] ?? "MUTABLE",
            ScanOnPush = (bool?)request["imageScanningConfiguration"]?["scanOnPush"] ?? false,
            Encryption = (string?)request["encryptionConfiguration"]?["encryptionType"] ?? "AES256",
            KmsKey = (string?)request["encryptionConfiguration"]?["kmsKey"],
        };
        if (!_repositories.TryAdd(name, state))
            throw new EcrError(400, "RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{AccountId}'");
        return new JsonObject { ["repository"] = RepositoryJson(state, region) };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex ValidName();

    static string ImageReference(JsonNode? id) =>
        (string?)id?["imageDigest"] ?? (string?)id?["imageTag"] ?? throw new EcrError(400, "InvalidParameterException", "imageId needs imageTag or imageDigest");

    async Task<(string Digest, string MediaType, string Manifest)?> GetManifestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.list.v2+json");
        using var response = await _registry.SendAsync(request).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var d) ? d.First() : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return (digest, response.Content.Headers.ContentType!.MediaType!, Encoding.UTF8.GetString(bytes));
    }

    async Task<JsonObject> BatchGetImageAsync(JsonObject request)
    {
        var repository = Repository(request);
        var images = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in request["imageIds"]?.AsArray() ?? [])
        {
            var found = await GetManifestAsync(repository.Name, ImageReference(id)).ConfigureAwait(false);
            if (found is null)
            {
                failures.Add(new JsonObject { ["imageId"] = id!.DeepClone(), ["failureCode"] = "ImageNotFound", ["failureReason"] = "Requested image not found" });
                continue;
            }
            images.Add(new JsonObject
            {
                ["registryId"] = AccountId,
                ["repositoryName"] = repository.Name,
                ["imageId"] = new JsonObject { ["imageDigest"] = found.Value.Digest, ["imageTag"] = (string?)id?["imageTag"] },
                ["imageManifest"] = found.Value.Manifest,
                ["imageManifestMediaType"] = found.Value.MediaType,
            });
        }
        return new JsonObject { ["images"] = images, ["failures"] = failures };
    }

    async Task<JsonObject> DescribeImageScanFindingsAsync(JsonObject request)
    {
        var repository = Repository(request);
        var reference = ImageReference(request["imageId"]);
        var found = await GetManifestAsync(repository.Name, reference).ConfigureAwait(false)
            ?? throw new EcrError(400, "ImageNotFoundException", $"The image with imageId {reference} does not exist within the repository with name '{repository.Name}'");
        if (!repository.ScanOnPush)
            throw new EcrError(400, "ScanNotFoundException", $"Image scan does not exist for image with '{reference}' in repository with name '{repository.Name}'");
        var findings = new JsonArray(repository.Findings.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["severity"] = f.Severity, ["uri"] = $"https://cve.example/{f.Name}" }).ToArray());
        var counts = new JsonObject();
        foreach (var group in repository.Findings.GroupBy(f => f.Severity))
            counts[group.Key] = group.Count();
        return new JsonObject
        {
            ["registryId"] = AccountId, ["repositoryName"] = repository.Name,
            ["imageId"] = new JsonObject { ["imageDigest"] = found.Digest },
            ["imageScanStatus"] = new JsonObject { ["status"] = repository.ScanStatus, ["description"] = "The scan was completed successfully." },
            ["imageScanFindings"] = new JsonObject { ["findings"] = findings, ["findingSeverityCounts"] = counts },
        };
    }

    readonly ConcurrentQueue<(string RoleArn, string Token)> _webIdentities = new();

    /// <summary>The role ARNs and tokens AssumeRoleWithWebIdentity was called with.</summary>
    public IReadOnlyList<(string RoleArn, string Token)> WebIdentityCalls => _webIdentities.ToArray();

    /// <summary>The session token handed out by AssumeRole and AssumeRoleWithWebIdentity (valid with <see cref="AccessKey"/>).</summary>
    public string SessionToken { get; } = "session-" + Guid.NewGuid().ToString("N");

    async Task SessionCredentialsAsync(HttpContext context, string action, string roleArn)
    {
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <{action}Result>
                <Credentials><AccessKeyId>{AccessKey}</AccessKeyId><SecretAccessKey>{SecretKey}</SecretAccessKey><SessionToken>{SessionToken}</SessionToken><Expiration>{DateTime.UtcNow.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'Z'}</Expiration></Credentials>
                <AssumedRoleUser><Arn>{roleArn}/pipelines</Arn><AssumedRoleId>AROAEXAMPLE:pipelines</AssumedRoleId></AssumedRoleUser>
              </{action}Result>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </{action}Response>
            """).ConfigureAwait(false);
    }

    async Task StsAsync(HttpContext context, string action, SigV4Verifier.Result verdict)
    {
        if (action == "AssumeRole" && verdict.Service == "sts")
        {
            await SessionCredentialsAsync(context, action, "arn:role").ConfigureAwait(false);
            return;
        }
        if (action != "GetCallerIdentity" || verdict.Service != "sts")
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>{action} is not supported here</Message></Error></ErrorResponse>").ConfigureAwait(false);
            return;
        }
        var partition = verdict.Region!.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:{partition}:iam::{AccountId}:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>{AccountId}</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """).ConfigureAwait(false);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _registry.Dispose();
        if (RegistryEndpoint is not null)
            await RegistryEndpoint.DisposeAsync().ConfigureAwait(false);
    }
}
