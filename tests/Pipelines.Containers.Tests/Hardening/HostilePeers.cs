using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Pipelines.Containers.Aws;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Containers.Tests.Hardening;

/// <summary>
/// Registries, token services, the ECR API, STS and the GitHub Actions token endpoint that answer what a real one never would, over
/// real sockets: bodies without end, bodies that are not JSON, JSON of another shape, a manifest that is not the digest asked for.
/// Each ends in one line naming the peer and what it did, read at most 4 MiB of it (<c>NetworkBounds.MaxAnswerBytes</c>),
/// and is not retried: a peer that answered is not down.
/// </summary>
public sealed class HostilePeers(ITestOutputHelper output)
{
    readonly Stopwatch _clock = Stopwatch.StartNew();

    const string Manifest = "application/vnd.oci.image.manifest.v1+json";
    const long Flood = 256L * 1024 * 1024;

    static OciRegistryClient Registry(ScriptedHttpPeer peer) =>
        new(new RegistryClientOptions(peer.Address) { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

    static EcrClient Ecr(ScriptedHttpPeer peer) =>
        new(new EcrClientOptions("cn-north-1", new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")) { Endpoint = peer.Url, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

    void OneLine(Exception error, string expected, [CallerMemberName] string scenario = "")
    {
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        HardeningFigures.Record(output, "hostile", $"peer-answers/{scenario}", ("tried", 1), ("handled", 1), ("seconds", Math.Round(_clock.Elapsed.TotalSeconds, 1)));
    }

    [Fact]
    public async Task A_manifest_without_end_is_cut_off_at_the_bound_and_not_retried()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge(Manifest, "{", Flood));
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "v1"));

        OneLine(error, $"registry {peer.Address} answered GET app:v1 with more than 4 MiB (no manifest, config or token is that large)");
        Assert.Single(peer.Requests);
        Assert.True(peer.BodyBytesSent < Flood, $"the client read all {peer.BodyBytesSent} bytes");
    }

    [Fact]
    public async Task An_error_answer_without_end_is_cut_off_too()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge("application/json", "", Flood) with { Status = 500 });
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "v1"));

        OneLine(error, "with more than 4 MiB");
        Assert.Single(peer.Requests);
    }

    [Theory]
    [InlineData(Manifest, "<html>gateway</html>")]
    [InlineData(null, "<html>gateway</html>")]
    [InlineData(null, """{"mediaType": 7}""")]
    [InlineData(Manifest, """["not", "an", "object"]""")]
    public async Task A_manifest_that_is_not_json_of_a_manifests_shape_is_refused_in_one_line(string? contentType, string body)
    {
        await using var peer = ScriptedHttpPeer.Start(_ => contentType is null
            ? new ScriptedAnswer(200, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body))
            : ScriptedAnswer.Text(200, contentType, body));
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "v1"));

        OneLine(error, $"registry {peer.Address} answered GET app:v1 with a manifest that is not the JSON a registry sends");
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task A_manifest_asked_for_by_digest_must_be_those_bytes()
    {
        const string stored = """{"schemaVersion":2,"config":{"digest":"sha256:aaaa"}}""";
        var asked = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("""{"schemaVersion":2}""")));
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, Manifest, stored));
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.RetagAsync("app", asked, "v2"));

        OneLine(error, $"answered GET app:{asked} with a manifest whose digest is sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored)))}");
        Assert.DoesNotContain(peer.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task An_image_config_with_a_label_that_is_not_text_is_refused_in_one_line()
    {
        await using var peer = ScriptedHttpPeer.Start(r => r.Target.Contains("/blobs/", StringComparison.Ordinal)
            ? ScriptedAnswer.Text(200, "application/vnd.oci.image.config.v1+json", """{"config":{"Labels":{"org.opencontainers.image.revision":12345}}}""")
            : ScriptedAnswer.Text(200, Manifest, """{"schemaVersion":2,"config":{"digest":"sha256:cccc"}}"""));
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetLabelsAsync("app", "v1"));

        OneLine(error, $"registry {peer.Address} answered GET blob sha256:cccc with an image config that is not the JSON a registry sends");
    }

    [Fact]
    public async Task A_token_service_that_answers_html_is_refused_in_one_line()
    {
        await using var peer = ScriptedHttpPeer.Start(r => r.Target.StartsWith("/token", StringComparison.Ordinal)
            ? ScriptedAnswer.Text(200, "text/html", "<html>sign in</html>")
            : ScriptedAnswer.Text(401, "application/json", "{}", ("WWW-Authenticate", $"Bearer realm=\"{r.Peer}token\",service=\"registry\"")));
        using var client = Registry(peer);

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.GetManifestAsync("app", "v1"));

        OneLine(error, $"token service http://{peer.Address}/token answered GET app:v1 with a token answer that is not the JSON a token service sends");
        Assert.Equal(2, peer.Requests.Count);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"authorizationData": 5}""")]
    [InlineData("""{"authorizationData": [{"authorizationToken": "%%% not base64", "proxyEndpoint": "https://x"}]}""")]
    [InlineData("""{"authorizationData": [{"authorizationToken": "QVdTOnNlY3JldA==", "proxyEndpoint": null}]}""")]
    public async Task An_ecr_answer_of_another_shape_is_refused_in_one_line_and_not_retried(string body)
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, "application/x-amz-json-1.1", body));
        using var ecr = Ecr(peer);

        var error = await Assert.ThrowsAsync<EcrException>(() => ecr.GetAuthorizationTokenAsync());

        OneLine(error, $"ECR GetAuthorizationToken at {peer.Url} answered with something that is not the JSON of an ECR GetAuthorizationToken answer");
        Assert.DoesNotContain("secret", error.Message);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task An_ecr_answer_without_end_is_cut_off_at_the_bound()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge("application/x-amz-json-1.1", """{"repositories":[""", Flood));
        using var ecr = Ecr(peer);

        var error = await Assert.ThrowsAsync<EcrException>(() => ecr.DescribeRepositoryAsync("app"));

        OneLine(error, $"ECR DescribeRepositories at {peer.Url} answered with more than 4 MiB (no ECR answer is that large)");
        Assert.Single(peer.Requests);
    }

    [Theory]
    [InlineData("<html>rate limited</html>", "is not the JSON object it should be")]
    [InlineData("[1, 2]", "is not the JSON object it should be")]
    [InlineData("""{"value": 42}""", "is not the JSON object it should be")]
    public async Task A_github_actions_token_answer_of_another_shape_is_refused_in_one_line(string body, string expected)
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, "application/json", body));

        var error = await Assert.ThrowsAsync<AwsIdentityException>(() =>
            AwsIdentityResolver.RequestGitHubOidcTokenAsync($"{peer.Url}token", "request-token-1234", "sts.amazonaws.com.cn", new AwsIdentityOptions("cn-north-1")));

        OneLine(error, expected);
        Assert.DoesNotContain("request-token-1234", error.Message);
    }

    [Theory]
    [InlineData("text/html", "<html>proxy sign-in</html>")]
    [InlineData("text/xml", "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>12</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")]
    [InlineData("text/xml", "<GetCallerIdentityResponse><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>")]
    public async Task An_sts_answer_without_a_12_digit_account_is_refused_in_one_line(string contentType, string body)
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, contentType, body));

        var error = await Assert.ThrowsAsync<AwsIdentityException>(() => new AwsIdentityResolver().ResolveAsync(new AwsIdentityOptions("cn-north-1")
        {
            StsEndpoint = peer.Url,
            Environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        }));

        OneLine(error, "in cn-north-1 answered GetCallerIdentity without a 12-digit account");
        Assert.DoesNotContain("EXAMPLEKEY", error.Message);
    }

    [Fact]
    public async Task A_github_actions_token_answer_without_end_is_cut_off_at_the_bound()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge("application/json", "{\"value\":\"", Flood));

        var error = await Assert.ThrowsAsync<AwsIdentityException>(() =>
            AwsIdentityResolver.RequestGitHubOidcTokenAsync($"{peer.Url}token", "request-token-1234", "sts.amazonaws.com.cn", new AwsIdentityOptions("cn-north-1")));

        OneLine(error, "the GitHub Actions OIDC token response held more than 4 MiB");
    }
}
