namespace Pipelines.Kubernetes.Tests.Kubeconfig;

/// <summary>
/// Credentials that change while a connection lives, as client-go handles them: a token file is read again (it rotates), an exec
/// plugin's credential is kept across requests until it expires or the server refuses it, then the plugin runs again.
/// </summary>
public sealed class CredentialRenewal
{
    [Fact]
    public async Task A_token_file_is_read_again_after_the_server_refuses_its_token()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        scene.StandIn.AcceptToken("rotated-token-2", "rotated");
        var tokenFile = scene.File("token", "expired-token-1");
        var connection = ClusterConnection.Open(new KubernetesConnectionOptions(scene.Write("{tokenFile: token}")));
        using var client = connection.Client;
        var watcher = new RolloutWatcher(connection);

        var refused = await Assert.ThrowsAsync<ClusterAccessException>(() => watcher.WaitAsync(RolloutScene.For("deployment/shop/web")));
        File.WriteAllText(tokenFile, "rotated-token-2");
        await watcher.WaitAsync(RolloutScene.For("deployment/shop/web"));

        Assert.Contains("401 Unauthorized", refused.Message);
        Assert.Equal("rotated", scene.StandIn.Requests[^1].User);
    }

    [Fact]
    public async Task An_exec_plugin_runs_once_for_many_requests_and_again_after_a_401()
    {
        await using var scene = await KubeconfigScene.StartAsync();
        var runs = Path.Combine(scene.Directory, "runs");
        var tokens = Path.Combine(scene.Directory, "tokens");
        // Each run hands out the next token of the list and records that it ran.
        File.WriteAllText(tokens, "revoked-token-1\nfresh-token-2\n");
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        scene.File("get-token", $$$"""
            #!/bin/sh
            echo run >> {{{runs}}}
            token=$(sed -n "$(wc -l < {{{runs}}})p" {{{tokens}}})
            echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"$token\",\"expirationTimestamp\":\"{{{expires}}}\"}}"
            """, executable: true);
        scene.StandIn.AcceptToken("revoked-token-1", "first");
        var connection = ClusterConnection.Open(new KubernetesConnectionOptions(scene.Write(
            "{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./get-token, interactiveMode: Never}}")));
        using var client = connection.Client;
        var watcher = new RolloutWatcher(connection);

        await watcher.WaitAsync(RolloutScene.For("deployment/shop/web"));
        var requestsOnFirstToken = scene.StandIn.Requests.Count;
        scene.StandIn.AcceptToken("fresh-token-2", "second");
        scene.StandIn.RevokeToken("revoked-token-1");
        await Assert.ThrowsAsync<ClusterAccessException>(() => watcher.WaitAsync(RolloutScene.For("deployment/shop/web")));
        await watcher.WaitAsync(RolloutScene.For("deployment/shop/web"));

        Assert.True(requestsOnFirstToken >= 2, "the first wait made a single request");
        Assert.Equal(2, File.ReadAllLines(runs).Length);
        Assert.Equal("second", scene.StandIn.Requests[^1].User);
    }
}
