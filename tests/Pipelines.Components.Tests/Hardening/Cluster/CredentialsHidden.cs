using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>
/// Credentials that the server refuses or that cannot be loaded: one line that says what to renew or fix, and the token, key
/// or password nowhere in the output or the failure log.
/// </summary>
public sealed class CredentialsHidden(HostileClusterScene scene, ITestOutputHelper output) : IClassFixture<HostileClusterScene>
{
    [Fact]
    public async Task A_refused_token_is_a_401_line_without_the_token()
    {
        const string token = "refused-token-77aa99bb";
        var root = scene.NewRoot("refused-token");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, $"{{token: {token}}}")));
        run.AssertHandled(1, 15, ["refused the credentials of the kubeconfig user (401 Unauthorized)", "--kubeconfig"], token);
        HardeningFigures.Record(output, "hostile", "cluster/token-refused", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_client_key_that_is_not_a_key_is_bad_input_without_the_key()
    {
        var root = scene.NewRoot("bad-key");
        var (certificate, _) = scene.StandIn.CertificateAuthority!.IssueClientCertificate("alice");
        const string notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY=\n-----END PRIVATE KEY-----\n";
        static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root,
            $"{{client-certificate-data: {B64(certificate)}, client-key-data: {B64(notAKey)}}}")));
        run.AssertHandled(2, 15, ["--kubeconfig user 'hostile' has a client certificate and key that cannot be loaded"], "c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY=", B64(notAKey));
        HardeningFigures.Record(output, "hostile", "cluster/client-key-not-a-key", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_token_file_that_cannot_be_read_is_bad_input()
    {
        var root = scene.NewRoot("token-file");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, "{tokenFile: no-such-token}")));
        run.AssertHandled(2, 15, ["--kubeconfig user 'hostile': the token file", "no-such-token cannot be read"]);
        HardeningFigures.Record(output, "hostile", "cluster/token-file-unreadable", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_bound_that_is_not_positive_is_bad_input()
    {
        var root = scene.NewRoot("bound");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root,
            HostileClusterScene.Wait(scene.Kubeconfig(root, "{token: " + HostileClusterScene.GoodToken + "}"), "--kube-exec-timeout", "00:00:00"));
        run.AssertHandled(2, 15, ["--kube-exec-timeout 00:00:00 is not a bound"], HostileClusterScene.GoodToken);
        HardeningFigures.Record(output, "hostile", "cluster/exec-timeout-zero", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }
}
