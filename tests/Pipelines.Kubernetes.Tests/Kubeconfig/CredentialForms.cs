using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Tests.Kubeconfig;

/// <summary>
/// Every way kubectl 1.32 authenticates from a kubeconfig, each read from the same file by WaitRollout's connection and by real
/// kubectl against the TLS stand-in, which checks what it is given: both must be let in as the same user, or both refused.
/// </summary>
public sealed class CredentialForms
{
    static void BothServedAs(string user, (Exception? Ours, string? OursAs, ProcessResult Kubectl, string? KubectlAs) run)
    {
        Assert.True(run.Ours is null, $"WaitRollout's connection failed: {run.Ours?.Message}");
        Assert.True(run.Kubectl.ExitCode == 0, "kubectl failed: " + run.Kubectl.StandardError);
        Assert.Contains("web", run.Kubectl.StandardOutput);
        Assert.Equal(user, run.OursAs);
        Assert.Equal(user, run.KubectlAs);
    }

    static void BothRefused((Exception? Ours, string? OursAs, ProcessResult Kubectl, string? KubectlAs) run)
    {
        var error = Assert.IsType<ClusterAccessException>(run.Ours);
        Assert.Contains("401 Unauthorized", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotEqual(0, run.Kubectl.ExitCode);
        Assert.True(run.Kubectl.StandardError.Contains("Unauthorized") || run.Kubectl.StandardError.Contains("provide credentials"), run.Kubectl.StandardError);
        Assert.Null(run.OursAs);
        Assert.Null(run.KubectlAs);
    }

    [Fact]
    public async Task A_user_without_credentials_is_anonymous_behind_kubectl_proxy()
    {
        await using var scene = await KubeconfigScene.StartAsync(tls: false);
        BothServedAs("system:anonymous", await scene.BothAsync(scene.Write("{}")));
    }

    // Over TLS kubectl would prompt for a username and password here (it needs a terminal for the password); a pipeline has
    // none, so WaitRollout goes on anonymously, and the server decides, as it does behind an authenticating proxy.
    [Fact]
    public async Task A_user_without_credentials_is_anonymous_where_a_TLS_server_allows_it_and_refused_where_not()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var kubeconfig = scene.Write("{}");
        var refused = await scene.OursAsync(kubeconfig);
        scene.StandIn.AllowAnonymous = true;
        var served = await scene.OursAsync(kubeconfig);

        Assert.Contains("401 Unauthorized", Assert.IsType<ClusterAccessException>(refused.Ours).Message);
        Assert.Null(refused.OursAs);
        Assert.True(served.Ours is null, served.Ours?.Message);
        Assert.Equal("system:anonymous", served.OursAs);
        Assert.All(scene.StandIn.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task A_bearer_token_is_sent_and_a_wrong_one_refused()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("good-token-1234", "deployer");
        BothServedAs("deployer", await scene.BothAsync(scene.Write("{token: good-token-1234}")));
        BothRefused(await scene.BothAsync(scene.Write("{token: wrong-token-9876}")));
    }

    [Fact]
    public async Task A_token_file_is_read_relative_to_the_kubeconfig()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("file-token-5678", "file-user");
        scene.File("token", "file-token-5678\n");
        BothServedAs("file-user", await scene.BothAsync(scene.Write("{tokenFile: token}")));
    }

    [Fact]
    public async Task A_client_certificate_works_inline_and_from_files_and_one_from_another_CA_is_refused()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var (certificate, key) = scene.StandIn.CertificateAuthority!.IssueClientCertificate("alice", "deployers");
        static string B64(string pem) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
        BothServedAs("alice", await scene.BothAsync(scene.Write($"{{client-certificate-data: {B64(certificate)}, client-key-data: {B64(key)}}}")));

        scene.File("alice.crt", certificate);
        scene.File("alice.key", key);
        BothServedAs("alice", await scene.BothAsync(scene.Write("{client-certificate: alice.crt, client-key: alice.key}", "kubeconfig-files")));

        using var stranger = Testing.Kubernetes.StandInCertificateAuthority.Create("another-ca");
        var (otherCertificate, otherKey) = stranger.IssueClientCertificate("mallory");
        BothRefused(await scene.BothAsync(scene.Write($"{{client-certificate-data: {B64(otherCertificate)}, client-key-data: {B64(otherKey)}}}", "kubeconfig-stranger")));
    }

    [Fact]
    public async Task Impersonation_sends_what_kubectl_sends_and_is_refused_where_the_user_may_not_impersonate()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("admin-token-42", "admin");
        var kubeconfig = scene.Write("{token: admin-token-42, as: deployer, as-groups: [deployers], as-user-extra: {scopes: [view]}}");

        var refused = await scene.BothAsync(kubeconfig);
        var error = Assert.IsType<ClusterAccessException>(refused.Ours);
        Assert.Contains("403", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotEqual(0, refused.Kubectl.ExitCode);
        Assert.Contains("Error from server (Forbidden)", refused.Kubectl.StandardError);
        Assert.Null(refused.OursAs);

        scene.StandIn.AllowImpersonation("admin");
        BothServedAs("deployer", await scene.BothAsync(kubeconfig));
        // Header names are case-insensitive (kubectl canonicalises them, the server lowercases an extra's key).
        Assert.Equal(["Impersonate-Extra-Scopes: view", "Impersonate-Group: deployers", "Impersonate-User: deployer"],
            scene.LastKubectl!.Impersonation.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(scene.LastKubectl.Impersonation.Order(StringComparer.OrdinalIgnoreCase), scene.LastOurs!.Impersonation.Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }

    // kubectl sends one header line per group; .NET joins a header's values into one line, which the server would read as one
    // group named "deployers, ops": refused in one line before any request, rather than impersonating someone else.
    [Fact]
    public async Task Impersonating_several_groups_is_refused_before_any_request_rather_than_sent_as_one()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("admin-token-42", "admin");
        scene.StandIn.AllowImpersonation("admin");

        var run = await scene.BothAsync(scene.Write("{token: admin-token-42, as: deployer, as-groups: [deployers, ops], as-user-extra: {scopes: [view, edit]}}"));

        var error = Assert.IsType<KubernetesConnectionException>(run.Ours);
        Assert.Contains("user 'forms' impersonates 2 groups (as-groups), which this client would send as the single group 'deployers, ops'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(run.OursAs);
        Assert.Equal(0, run.Kubectl.ExitCode);
        Assert.Equal(["Impersonate-Extra-Scopes: edit", "Impersonate-Extra-Scopes: view", "Impersonate-Group: deployers", "Impersonate-Group: ops", "Impersonate-User: deployer"],
            scene.LastKubectl!.Impersonation.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    // kube-apiserver has not accepted basic credentials since 1.19; kubectl still sends them from a kubeconfig, for a proxy
    // in front of the server that does, and so does WaitRollout's connection.
    [Fact]
    public async Task A_username_and_password_are_sent_as_kubectl_sends_them_and_the_server_refuses_them()
    {
        await using var scene = await KubeconfigScene.StartAsync();

        BothRefused(await scene.BothAsync(scene.Write("{username: deployer, password: s3cret-pass}")));

        var basic = "Basic " + Convert.ToBase64String("deployer:s3cret-pass"u8.ToArray());
        Assert.Equal(basic, scene.LastKubectl!.Authorization);
        Assert.Equal(basic, scene.LastOurs!.Authorization);
    }

    [Fact]
    public async Task An_exec_plugin_supplies_a_token_or_a_client_certificate()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("eks-token-123", "eks-user");
        scene.Plugin("get-token", """{"token":"eks-token-123"}""");
        BothServedAs("eks-user", await scene.BothAsync(scene.Write(
            "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./get-token, args: [eks, get-token], interactiveMode: Never}}")));
        Assert.Contains("eks-token-123", scene.Secrets.Values);

        var (certificate, key) = scene.StandIn.CertificateAuthority!.IssueClientCertificate("plugin-user");
        var status = System.Text.Json.JsonSerializer.Serialize(new { clientCertificateData = certificate, clientKeyData = key });
        scene.Plugin("get-certificate", status);
        BothServedAs("plugin-user", await scene.BothAsync(scene.Write(
            "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./get-certificate, interactiveMode: IfAvailable}}", "kubeconfig-exec-cert")));
    }

    // kubectl's oidc plugin checks the id-token's exp but not its signature (the API server does): a JWT-shaped token is enough.
    static string Jwt(string claims) =>
        string.Join('.', new[] { """{"alg":"RS256","typ":"JWT"}""", claims }.Select(p => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(p)))) + ".c2lnbmF0dXJl";

    static string Oidc(string config) => $"{{auth-provider: {{name: oidc, config: {{{config}}}}}}}";

    const string Issuer = "idp-issuer-url: 'https://127.0.0.1:9/', client-id: pipelines";

    [Fact]
    public async Task An_oidc_id_token_is_sent_while_it_is_valid()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var token = Jwt($$"""{"sub":"oidc-user","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");
        scene.StandIn.AcceptToken(token, "oidc:alice");

        BothServedAs("oidc:alice", await scene.BothAsync(scene.Write(Oidc($"{Issuer}, id-token: {token}, refresh-token: rt-never-spent-1234"))));
        Assert.Equal("Bearer " + token, scene.LastOurs!.Authorization);
        Assert.Contains("rt-never-spent-1234", scene.Secrets.Values);
    }

    [Fact]
    public async Task An_expired_oidc_id_token_without_a_refresh_token_is_refused_in_one_line_as_kubectl_refuses_it()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        // Expired 5 s from now: kubectl, like us, counts a token with less than 10 s left as expired.
        var token = Jwt($$"""{"sub":"oidc-user","exp":{{DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeSeconds()}}}""");
        scene.StandIn.AcceptToken(token, "oidc:alice");

        var run = await scene.BothAsync(scene.Write(Oidc($"{Issuer}, id-token: {token}")));

        var error = Assert.IsType<KubernetesCredentialException>(run.Ours);
        Assert.Matches(@"^kubeconfig user 'forms' has an oidc id-token that expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, and no refresh-token to renew it", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(run.OursAs);
        Assert.Null(run.KubectlAs);
        Assert.Contains("No valid id-token, and cannot refresh without refresh-token", run.Kubectl.StandardError);
    }

    // kubectl renews an expired id-token at the identity provider and writes the new tokens into the kubeconfig; we refuse, so that
    // a refresh token the provider replaces on use is never spent without being written back.
    [Fact]
    public async Task An_expired_oidc_id_token_with_a_refresh_token_is_refused_without_spending_it_where_kubectl_renews_it_and_rewrites_the_kubeconfig()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var expired = Jwt($$"""{"sub":"oidc-user","exp":{{DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds()}}}""");
        var renewed = Jwt($$"""{"sub":"oidc-user","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");
        scene.StandIn.AcceptToken(renewed, "oidc:alice");
        await using var identityProvider = Testing.Faults.ScriptedHttpPeer.Start(request => request.Target.StartsWith("/.well-known/openid-configuration", StringComparison.Ordinal)
            ? Testing.Faults.ScriptedAnswer.Text(200, "application/json", $$"""{"issuer":"{{request.Peer}}","token_endpoint":"{{request.Peer}}token"}""")
            : Testing.Faults.ScriptedAnswer.Text(200, "application/json", $$"""{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"id_token":"{{renewed}}","refresh_token":"rt-rotated-3456"}"""));
        var kubeconfig = scene.Write(Oidc($"idp-issuer-url: '{identityProvider.Url}', client-id: pipelines, client-secret: cs-secret-9012, id-token: {expired}, refresh-token: rt-secret-5678"));
        var before = File.ReadAllBytes(kubeconfig);

        var (ours, oursAs) = await scene.OursAsync(kubeconfig);

        var error = Assert.IsType<KubernetesCredentialException>(ours);
        Assert.Matches(@"^kubeconfig user 'forms' has an oidc id-token that expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; kubectl would renew it with the refresh-token and write both into the kubeconfig, which a pipeline does not", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Null(oursAs);
        Assert.Empty(identityProvider.Requests);
        Assert.Equal(before, File.ReadAllBytes(kubeconfig));

        var kubectl = await new Testing.Kubernetes.Kubectl(kubeconfig).RunAsync("get", "deployments", "-A");

        Assert.True(kubectl.ExitCode == 0, kubectl.StandardError);
        Assert.Equal(["GET", "POST"], identityProvider.Requests.Select(r => r.Method));
        Assert.Contains("rt-rotated-3456", File.ReadAllText(kubeconfig));
    }

    [Theory]
    [InlineData("client-id: pipelines, id-token: {0}", "has an oidc auth-provider without idp-issuer-url, which kubectl requires", "Must provide idp-issuer-url")]
    [InlineData("idp-issuer-url: 'https://127.0.0.1:9/', id-token: {0}", "has an oidc auth-provider without client-id, which kubectl requires", "Must provide client-id")]
    [InlineData("idp-issuer-url: 'https://127.0.0.1:9/', client-id: pipelines, id-token: not-a-jwt", "has an oidc id-token that is not a JWT with a numeric exp claim", "ID Token is not a valid JWT")]
    [InlineData("idp-issuer-url: 'https://127.0.0.1:9/', client-id: pipelines", "has an oidc auth-provider with neither an id-token nor a refresh-token", "No valid id-token, and cannot refresh without refresh-token")]
    public async Task An_oidc_entry_kubectl_refuses_is_refused_in_one_line(string config, string oursSays, string kubectlSays)
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var token = Jwt($$"""{"exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");
        scene.StandIn.AcceptToken(token, "oidc:alice");

        var run = await scene.BothAsync(scene.Write(Oidc(config.Replace("{0}", token))));

        Assert.IsAssignableFrom<PipelinesException>(run.Ours);
        Assert.Contains("user 'forms' " + oursSays, run.Ours!.Message);
        Assert.DoesNotContain('\n', run.Ours.Message);
        Assert.Null(run.OursAs);
        Assert.NotEqual(0, run.Kubectl.ExitCode);
        Assert.Contains(kubectlSays, run.Kubectl.StandardError);
    }

    [Fact]
    public async Task An_oidc_id_token_that_expires_during_a_wait_is_refused_at_the_next_request()
    {
        var clock = new ManualClock();
        var token = Jwt($$"""{"exp":{{clock.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds()}}}""");
        var bearer = new OidcIdToken(new KubeconfigUser { Name = "forms" },
            new Dictionary<string, string> { ["idp-issuer-url"] = "https://idp.example/", ["client-id"] = "pipelines", ["id-token"] = token }, null, clock);

        Assert.Equal(token, await bearer.GetAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(token, await bearer.GetAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<KubernetesCredentialException>(async () => await bearer.GetAsync(CancellationToken.None));
        Assert.Contains("has an oidc id-token that expired at", error.Message);
    }

    [Theory]
    [InlineData("""{"exp":1700000000}""", 1700000000L)]
    [InlineData("""{"exp":1700000000.75}""", 1700000000L)]
    [InlineData("""{"sub":"no-exp"}""", long.MinValue)]
    [InlineData("""{"exp":"1700000000"}""", null)]
    [InlineData("""[1,2]""", null)]
    public void An_id_tokens_expiry_is_read_as_kubectl_reads_it(string claims, long? seconds)
    {
        var expiry = OidcIdToken.ExpiryOf(Jwt(claims));

        if (seconds is null) Assert.Null(expiry);
        else if (seconds == long.MinValue) Assert.Equal(DateTimeOffset.MinValue, expiry);
        else Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds.Value), expiry);
        Assert.Null(OidcIdToken.ExpiryOf("a.b"));
        Assert.Null(OidcIdToken.ExpiryOf("a.%%%.c"));
    }

    [Fact]
    public async Task In_cluster_reads_the_runs_service_host_and_the_service_account_files()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("sa-token-2468", "system:serviceaccount:ci:deployer");
        var account = Path.Combine(scene.Directory, "serviceaccount");
        Directory.CreateDirectory(account);
        File.WriteAllText(Path.Combine(account, "token"), "sa-token-2468");
        File.WriteAllText(Path.Combine(account, "ca.crt"), scene.StandIn.CertificateAuthority!.CertificatePem);
        File.WriteAllText(Path.Combine(account, "namespace"), "shop");
        var environment = new Dictionary<string, string?>
        {
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = scene.StandIn.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOME"] = scene.Directory,
        };

        var connection = ClusterConnection.Open(new KubernetesConnectionOptions { Environment = environment, ServiceAccountDirectory = account });
        using (connection.Client)
            await new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web"));
        var ours = scene.StandIn.Requests[^1].User;
        // kubectl's in-cluster configuration is a tokenFile and a CA file: the same files, read by kubectl from a kubeconfig.
        var kubeconfig = scene.StandIn.WriteKubeconfig(scene.Directory, "in-cluster",
            extraUserYaml: $"{{tokenFile: {Path.Combine(account, "token")}}}", fileName: "in-cluster-kubeconfig");
        var kubectl = await new Testing.Kubernetes.Kubectl(kubeconfig).RunAsync("get", "deployments", "-n", "shop");

        Assert.Equal(("in-cluster", "shop", "service account token"), (connection.Context, connection.DefaultNamespace, connection.Authentication));
        Assert.Equal("system:serviceaccount:ci:deployer", ours);
        Assert.True(kubectl.ExitCode == 0, kubectl.StandardError);
        Assert.Equal("system:serviceaccount:ci:deployer", scene.StandIn.Requests[^1].User);
    }

    [Fact]
    public async Task Over_plain_HTTP_no_credentials_are_sent_as_kubectl_sends_none()
    {
        await using var scene = await KubeconfigScene.StartAsync(tls: false);
        scene.Plugin("get-token", """{"token":"never-sent-1357"}""");
        var kubeconfig = scene.Write("{token: never-sent-2468}");
        var execKubeconfig = scene.Write("{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./get-token, interactiveMode: Never}}", "kubeconfig-exec");

        BothServedAs("system:anonymous", await scene.BothAsync(kubeconfig));
        BothServedAs("system:anonymous", await scene.BothAsync(execKubeconfig));
        Assert.All(scene.StandIn.Requests, r => Assert.Null(r.Authorization));
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("clusters: [unclosed\n")]
    public async Task A_kubeconfig_that_is_empty_or_not_a_mapping_is_refused_in_one_line_as_kubectl_refuses_it(string text)
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var kubeconfig = scene.File("broken-kubeconfig", text);

        var error = Assert.Throws<KubernetesConnectionException>(() => ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig)));
        // Read, not used: kubectl given no cluster would ask localhost:8080, which is not this test's to depend on.
        var kubectl = await new Testing.Kubernetes.Kubectl(kubeconfig).RunAsync("config", "view", "--minify", "--raw");

        Assert.StartsWith($"kubeconfig {kubeconfig} cannot be used: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotEqual(0, kubectl.ExitCode);
    }
}
